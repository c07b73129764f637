package dev.podkeeper.model.validate;

import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DesiredState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code dependsOn} and {@code network: container:} must leave a start order. One depth-first walk in file
 * order finds every cycle (each closes at a back edge), names it in full and reports it at the edge that
 * starts it. The walk keeps its own stack rather than recursing, as
 * {@link dev.podkeeper.model.graph.DependencyGraph} does: a file may chain thousands of containers.
 */
final class CycleCheck implements Check {
  /** Longer cycles are named by their ends: a message stays readable, and small. */
  private static final int NAMED = 12;

  private enum Mark { ON_PATH, DONE }

  /** A container being walked, and its dependencies still to visit. */
  private record Step(String name, Iterator<String> next) {}

  @Override
  public void check(DesiredState state, List<Violation> found) {
    Map<String, Mark> marks = new HashMap<>();
    for (String start : state.containers().keySet()) {
      if (marks.containsKey(start)) {
        continue;
      }
      Deque<Step> path = new ArrayDeque<>();
      path.push(step(start, state, marks));
      while (!path.isEmpty()) {
        Step top = path.peek();
        if (!top.next().hasNext()) {
          marks.put(path.pop().name(), Mark.DONE);
          continue;
        }
        String dep = top.next().next();
        if (marks.get(dep) == Mark.ON_PATH) {
          found.add(cycle(closedBy(path, dep), state));
        } else if (!marks.containsKey(dep)) {
          path.push(step(dep, state, marks));
        }
      }
    }
  }

  private static Step step(String name, DesiredState state, Map<String, Mark> marks) {
    marks.put(name, Mark.ON_PATH);
    return new Step(name, dependencies(state.containers().get(name), state).iterator());
  }

  /** The provider of a namespace, then dependsOn; only containers of the file (others are ReferenceCheck's). */
  private static Set<String> dependencies(ContainerSpec spec, DesiredState state) {
    Set<String> deps = new LinkedHashSet<>();
    // Joining one's own namespace is NetworkCheck's to report, in its own words.
    spec.namespaceProvider().filter(p -> !p.equals(spec.name())).ifPresent(deps::add);
    deps.addAll(spec.dependsOn());
    deps.retainAll(state.containers().keySet());
    return deps;
  }

  /** The walk's path from {@code dep} to its top, closed by {@code dep} again: {@code [a, b, c, a]}. */
  private static List<String> closedBy(Deque<Step> path, String dep) {
    List<String> cycle = new ArrayList<>();
    for (Iterator<Step> fromTop = path.iterator(); fromTop.hasNext(); ) {
      String name = fromTop.next().name();
      cycle.add(0, name);
      if (name.equals(dep)) {
        break;
      }
    }
    cycle.add(dep);
    return cycle;
  }

  private static Violation cycle(List<String> cycle, DesiredState state) {
    ContainerSpec from = state.containers().get(cycle.get(0));
    String to = cycle.get(1);
    NodePath edge = Check.container(from.name());
    edge = from.namespaceProvider().filter(to::equals).isPresent()
        ? edge.key("network")
        : edge.key("dependsOn").index(from.dependsOn().indexOf(to));
    return Violation.at(Rule.DEPS_CYCLE, edge, "dependency cycle: " + named(cycle));
  }

  private static String named(List<String> cycle) {
    List<String> names = cycle.stream().map(Quote::bare).toList();
    if (names.size() <= NAMED) {
      return String.join(" -> ", names);
    }
    return String.join(" -> ", names.subList(0, NAMED - 2)) + " -> ... -> " + names.get(names.size() - 2) + " -> "
        + names.get(0) + " (" + (names.size() - 1) + " containers)";
  }
}
