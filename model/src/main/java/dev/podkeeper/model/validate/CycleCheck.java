package dev.podkeeper.model.validate;

import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.ContainerSpecBuilder;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.NetworkAttachment;
import dev.podkeeper.model.graph.DependencyGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code dependsOn} and {@code network: container:} must leave a start order. Each cycle is named in
 * full and reported at the edge that starts it; that edge is then cut so the next search finds the
 * next cycle, if there is one.
 */
final class CycleCheck implements Check {

  @Override
  public void check(DesiredState state, List<Violation> found) {
    Map<String, ContainerSpec> remaining = new LinkedHashMap<>(state.containers());
    for (int cut = 0; cut < state.containers().size(); cut++) {
      Optional<List<String>> cycle = DependencyGraph.of(remaining).findCycle();
      if (cycle.isEmpty()) {
        return;
      }
      String from = cycle.get().get(0);
      String to = cycle.get().get(1);
      ContainerSpec spec = remaining.get(from);
      boolean viaNetwork = spec.namespaceProvider().filter(to::equals).isPresent();
      // Joining one's own namespace is NetworkCheck's to report, in its own words.
      if (!(viaNetwork && from.equals(to))) {
        NodePath edge = Check.container(from).key(viaNetwork ? "network" : "dependsOn");
        found.add(Violation.at(Rule.DEPS_CYCLE, viaNetwork ? edge : edge.index(spec.dependsOn().indexOf(to)),
            "dependency cycle: " + String.join(" -> ", cycle.get())));
      }
      remaining.put(from, withoutEdge(spec, to));
    }
  }

  /** The spec without its edges to {@code to}: both, when it names {@code to} in dependsOn and network. */
  private static ContainerSpec withoutEdge(ContainerSpec spec, String to) {
    ContainerSpecBuilder cut = spec.toBuilder();
    if (spec.namespaceProvider().filter(to::equals).isPresent()) {
      // A bridge network no one declared: the graph sees no edge, and this copy is never reported on.
      cut.network(new NetworkAttachment.Bridge(""));
    }
    List<String> dependsOn = new ArrayList<>(spec.dependsOn());
    dependsOn.removeIf(to::equals);
    return cut.dependsOn(dependsOn).build();
  }
}
