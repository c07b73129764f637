package dev.podkeeper.model.graph;

import dev.podkeeper.model.desired.ContainerSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        .sorted(java.util.Comparator.comparingInt(new ArrayList<>(dependencies.keySet())::indexOf))
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
    Map<String, Integer> unmet = new HashMap<>();
    dependencies.forEach((name, deps) -> unmet.put(name, deps.size()));
    List<String> order = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    while (order.size() < dependencies.size()) {
      String ready = dependencies.keySet().stream()
          .filter(n -> !placed.contains(n) && unmet.get(n) == 0)
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("dependency cycle: " + findCycle().orElseThrow()));
      order.add(ready);
      placed.add(ready);
      dependentsOf(ready).forEach(d -> unmet.merge(d, -1, Integer::sum));
    }
    return order;
  }

  /** A cycle as the path that closes it, e.g. {@code [a, b, c, a]}; empty if the graph is acyclic. */
  public Optional<List<String>> findCycle() {
    Map<String, Mark> marks = new HashMap<>();
    for (String start : dependencies.keySet()) {
      List<String> path = new ArrayList<>();
      Optional<List<String>> cycle = visit(start, marks, path);
      if (cycle.isPresent()) {
        return cycle;
      }
    }
    return Optional.empty();
  }

  private enum Mark { IN_PROGRESS, DONE }

  private Optional<List<String>> visit(String node, Map<String, Mark> marks, List<String> path) {
    Mark mark = marks.get(node);
    if (mark == Mark.DONE) {
      return Optional.empty();
    }
    if (mark == Mark.IN_PROGRESS) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
      cycle.add(node);
      return Optional.of(cycle);
    }
    marks.put(node, Mark.IN_PROGRESS);
    path.add(node);
    for (String dep : dependenciesOf(node)) {
      Optional<List<String>> cycle = visit(dep, marks, path);
      if (cycle.isPresent()) {
        return cycle;
      }
    }
    path.remove(path.size() - 1);
    marks.put(node, Mark.DONE);
    return Optional.empty();
  }
}
