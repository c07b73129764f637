package dev.podkeeper.model.graph;

import dev.podkeeper.model.desired.ContainerSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The containers' start-order graph: an edge from a container to each container it needs first
 * ({@code dependsOn}, and the provider of a {@code container:} network). References to containers
 * not in the graph are ignored here; validation reports them.
 */
public final class DependencyGraph {
  private final Map<String, Set<String>> dependencies;
  private final Map<String, Set<String>> dependents;
  private final Map<String, String> providers;

  private DependencyGraph(Map<String, Set<String>> dependencies, Map<String, String> providers) {
    this.dependencies = dependencies;
    this.providers = providers;
    this.dependents = new LinkedHashMap<>();
    dependencies.keySet().forEach(name -> dependents.put(name, new LinkedHashSet<>()));
    dependencies.forEach((name, deps) -> deps.forEach(d -> dependents.get(d).add(name)));
  }

  public static DependencyGraph of(Map<String, ContainerSpec> containers) {
    Map<String, Set<String>> dependencies = new LinkedHashMap<>();
    Map<String, String> providers = new HashMap<>();
    for (ContainerSpec spec : containers.values()) {
      Set<String> deps = new LinkedHashSet<>();
      spec.namespaceProvider().ifPresent(p -> {
        deps.add(p);
        providers.put(spec.name(), p);
      });
      deps.addAll(spec.dependsOn());
      deps.retainAll(containers.keySet());
      dependencies.put(spec.name(), deps);
    }
    return new DependencyGraph(dependencies, providers);
  }

  public Set<String> names() {
    return Collections.unmodifiableSet(dependencies.keySet());
  }

  /** Containers that must be up before {@code name}. */
  public Set<String> dependenciesOf(String name) {
    return Collections.unmodifiableSet(dependencies.getOrDefault(name, Set.of()));
  }

  /** Containers that need {@code name} up first. */
  public Set<String> dependentsOf(String name) {
    return Collections.unmodifiableSet(dependents.getOrDefault(name, Set.of()));
  }

  /** Every container that needs {@code name}, directly or through others. */
  public Set<String> transitiveDependentsOf(String name) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(dependentsOf(name));
    while (!todo.isEmpty()) {
      String next = todo.pop();
      if (seen.add(next)) {
        todo.addAll(dependentsOf(next));
      }
    }
    return seen;
  }

  /** The containers that join {@code provider}'s network namespace, in file order. */
  public List<String> namespaceMembersOf(String provider) {
    return providers.entrySet().stream()
        .filter(e -> e.getValue().equals(provider))
        .map(Map.Entry::getKey)
        .sorted(Comparator.comparingInt(new ArrayList<>(dependencies.keySet())::indexOf))
        .toList();
  }

  public Optional<String> namespaceProviderOf(String name) {
    return Optional.ofNullable(providers.get(name));
  }

  /**
   * Dependencies before dependents; among containers whose dependencies are met, file order.
   *
   * @throws IllegalStateException if the graph has a cycle (validation rejects such files first)
   */
  public List<String> topologicalOrder() {
    List<String> fileOrder = new ArrayList<>(dependencies.keySet());
    Map<String, Integer> position = new HashMap<>();
    fileOrder.forEach(name -> position.put(name, position.size()));
    Map<String, Integer> unmet = new HashMap<>();
    dependencies.forEach((name, deps) -> unmet.put(name, deps.size()));
    // Kahn's algorithm with the ready set ordered by file position: linear-logarithmic, stable.
    PriorityQueue<String> ready = new PriorityQueue<>(Comparator.comparing(position::get));
    fileOrder.stream().filter(n -> unmet.get(n) == 0).forEach(ready::add);
    List<String> order = new ArrayList<>(fileOrder.size());
    while (!ready.isEmpty()) {
      String next = ready.poll();
      order.add(next);
      for (String dependent : dependentsOf(next)) {
        if (unmet.merge(dependent, -1, Integer::sum) == 0) {
          ready.add(dependent);
        }
      }
    }
    if (order.size() < fileOrder.size()) {
      throw new IllegalStateException("dependency cycle: " + String.join(" -> ", findCycle().orElseThrow()));
    }
    return order;
  }

  /** A cycle as the path that closes it, e.g. {@code [a, b, c, a]}; empty if the graph is acyclic. */
  public Optional<List<String>> findCycle() {
    // An iterative depth-first search: a chain of thousands of containers must not overflow the stack.
    Set<String> done = new HashSet<>();
    for (String start : dependencies.keySet()) {
      if (done.contains(start)) {
        continue;
      }
      List<String> path = new ArrayList<>();
      Set<String> onPath = new HashSet<>();
      Deque<Iterator<String>> pending = new ArrayDeque<>();
      path.add(start);
      onPath.add(start);
      pending.push(dependenciesOf(start).iterator());
      while (!pending.isEmpty()) {
        Iterator<String> next = pending.peek();
        if (!next.hasNext()) {
          pending.pop();
          String finished = path.remove(path.size() - 1);
          onPath.remove(finished);
          done.add(finished);
          continue;
        }
        String dep = next.next();
        if (onPath.contains(dep)) {
          List<String> cycle = new ArrayList<>(path.subList(path.indexOf(dep), path.size()));
          cycle.add(dep);
          return Optional.of(cycle);
        }
        if (!done.contains(dep)) {
          path.add(dep);
          onPath.add(dep);
          pending.push(dependenciesOf(dep).iterator());
        }
      }
    }
    return Optional.empty();
  }
}
