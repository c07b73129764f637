package dev.podkeeper.agent.plan;

import dev.podkeeper.agent.plan.ActionInput.NetworkCreation;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.NetworkSpec;
import dev.podkeeper.model.hash.SpecHasher;
import dev.podkeeper.model.observed.ObservedNetwork;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Creates missing networks and the new half of replaced ones; a name held by an unmanaged network fails. */
final class NetworkPlanner {
  /** Networks carry only the hash, not per-key digests: their spec is three keys. */
  static final String SPEC_CHANGED = "spec changed (subnet, gateway or dns)";

  private NetworkPlanner() {}

  /** Managed networks whose spec hash differs: they are removed and created again. */
  static Set<String> replaced(DesiredState desired, ObservedWorld world) {
    return desired.networks().values().stream()
        .filter(spec -> world.engine().network(spec.name())
            .filter(n -> n.managedBy(desired.stack()))
            .filter(n -> !n.specHash().equals(Optional.of(SpecHasher.networkHash(spec))))
            .isPresent())
        .map(NetworkSpec::name)
        .collect(Collectors.toSet());
  }

  /** Returns the create action of each network that has one, by name. */
  static Map<String, String> plan(PlanBuilder plan, DesiredState desired, ObservedWorld world,
      Map<String, String> removals) {
    Map<String, String> created = new LinkedHashMap<>();
    for (NetworkSpec spec : desired.networks().values()) {
      Optional<ObservedNetwork> found = world.engine().network(spec.name());
      NetworkCreation input = new NetworkCreation(spec, desired.stack());
      Action action;
      if (found.isEmpty()) {
        action = Action.of(ActionKind.CREATE_NETWORK, spec.name(), "missing", input);
      } else if (!found.get().managedBy(desired.stack())) {
        NameClash clash = NameClash.of("network", spec.name(), ContainerAssessor.shortId(found.get().id()),
            desired.stack(), found.get().labels());
        action = Action.of(ActionKind.CREATE_NETWORK, spec.name(), clash.cause(), input).failing(clash.error());
      } else if (removals.containsKey(spec.name())) {
        action = Action.of(ActionKind.CREATE_NETWORK, spec.name(), SPEC_CHANGED, input)
            .waitingFor(List.of(removals.get(spec.name())));
      } else {
        continue;
      }
      created.put(spec.name(), plan.add(action));
    }
    return created;
  }
}
