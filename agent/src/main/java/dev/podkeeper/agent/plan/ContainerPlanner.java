package dev.podkeeper.agent.plan;

import dev.podkeeper.agent.plan.ActionInput.ContainerCreation;
import dev.podkeeper.agent.plan.ActionInput.ContainerRef;
import dev.podkeeper.agent.plan.ActionInput.HealthWait;
import dev.podkeeper.agent.plan.ContainerVerdict.Kind;
import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.NetworkAttachment;
import dev.podkeeper.model.graph.DependencyGraph;
import dev.podkeeper.model.observed.HealthStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns container verdicts into actions, in dependency order. Each action waits for what it needs: its
 * network, directories, env files, units, and the containers it depends on, running, and healthy where they
 * define a health check (an await-healthy action, placed right after the dependency's own action).
 */
final class ContainerPlanner {
  private final DesiredState desired;
  private final ObservedWorld world;
  private final DependencyGraph graph;
  private final Map<String, ContainerVerdict> verdicts;
  private final Prerequisites prerequisites;
  /** The action after which a container is up, by name. */
  private final Map<String, String> ready = new HashMap<>();
  private final Map<String, String> healthGates = new HashMap<>();

  ContainerPlanner(DesiredState desired, ObservedWorld world, DependencyGraph graph,
      Map<String, ContainerVerdict> verdicts, Prerequisites prerequisites) {
    this.desired = desired;
    this.world = world;
    this.graph = graph;
    this.verdicts = verdicts;
    this.prerequisites = prerequisites;
  }

  void plan(PlanBuilder plan) {
    for (ContainerVerdict verdict : verdicts.values()) {
      ContainerSpec spec = desired.containers().get(verdict.name());
      action(spec, verdict).ifPresent(a -> ready.put(spec.name(),
          plan.add(a.waitingFor(waits(spec, verdict)).after(orphansFirst(verdict)))));
      healthGate(spec, verdict).ifPresent(gate -> healthGates.put(spec.name(), plan.add(gate)));
    }
  }

  private Optional<Action> action(ContainerSpec spec, ContainerVerdict v) {
    String name = spec.name();
    return switch (v.kind()) {
      case OK -> Optional.empty();
      case CREATE -> Optional.of(Action.of(ActionKind.CREATE_CONTAINER, name, v.cause(), creation(spec, Optional.empty())));
      case REPLACE -> Optional.of(v.split()
          ? Action.of(ActionKind.CREATE_CONTAINER, name, v.cause(), creation(spec, Optional.empty()))
          : Action.of(ActionKind.RECREATE_CONTAINER, name, v.cause(),
              creation(spec, Optional.of(v.currentId())).performing(v.update())));
      case START -> Optional.of(Action.of(ActionKind.START_CONTAINER, name, v.cause(), ref(spec, v)));
      case RESTART -> Optional.of(Action.of(ActionKind.RESTART_CONTAINER, name, v.cause(), ref(spec, v)));
      case FINISH_GATE -> Optional.of(Action.of(ActionKind.FINISH_UPDATE_GATE, name, v.cause(),
          new ActionInput.GateFinish(creation(spec, Optional.of(v.currentId())), v.gate().get(), members(v))));
      case CLASH -> Optional.of(Action.of(ActionKind.REPORT_CLASH, name, v.cause(), new ActionInput.None())
          .failing(v.problem().get()));
      case UNRESOLVED -> Optional.of(Action.of(v.current().isPresent() ? ActionKind.RECREATE_CONTAINER
          : ActionKind.CREATE_CONTAINER, name, v.cause(), new ActionInput.None()).failing(v.problem().get()));
    };
  }

  private ContainerCreation creation(ContainerSpec spec, Optional<String> replacedId) {
    return new ContainerCreation(spec, world.envOf(spec.name()).value().get(), desired.stack(), replacedId);
  }

  /** The declared containers that joined the namespace of {@code v}'s container, with how to create them again. */
  private List<ContainerCreation> members(ContainerVerdict v) {
    return world.engine().containers().stream()
        .filter(c -> c.namespaceProviderId().filter(v.currentId()::equals).isPresent())
        .filter(c -> c.managedBy(desired.stack()) && desired.containers().containsKey(c.name()))
        .map(c -> creation(desired.containers().get(c.name()), Optional.of(c.id())))
        .toList();
  }

  private static ContainerRef ref(ContainerSpec spec, ContainerVerdict v) {
    return new ContainerRef(v.currentId(), spec.stopTimeout().orElse(ContainerRef.DEFAULT_STOP_TIMEOUT));
  }

  private List<String> waits(ContainerSpec spec, ContainerVerdict v) {
    List<String> waits = new ArrayList<>();
    if (v.kind() == Kind.CLASH) {
      return waits;
    }
    if (spec.network() instanceof NetworkAttachment.Bridge bridge) {
      optional(prerequisites.networks().get(bridge.network())).ifPresent(waits::add);
    }
    spec.volumes().stream().filter(vol -> vol.isBind())
        .forEach(vol -> prerequisites.paths().nearest(Path.of(vol.source())).ifPresent(waits::add));
    spec.envFiles().forEach(f -> optional(prerequisites.envFiles().get(f)).ifPresent(waits::add));
    spec.requiresUnits().forEach(u -> optional(prerequisites.units().get(u)).ifPresent(waits::add));
    graph.dependenciesOf(spec.name())
        .forEach(d -> optional(healthGates.getOrDefault(d, ready.get(d))).ifPresent(waits::add));
    if (v.getsNewId()) {
      // Split: its own removal came first. Recreated in one action: its namespace members' removals.
      v.current().ifPresent(c -> waits.addAll(v.split()
          ? List.of(prerequisites.removals().containers().get(c.id()))
          : prerequisites.removals().ofMembersOf(c.id(), world)));
    }
    return waits;
  }

  /**
   * A container that gets a new ID starts after the orphans' removals, which may free a host port it
   * publishes (the list does not say which), but not only if they succeed: one orphan the engine refuses
   * to remove must not hold back every create.
   */
  private List<String> orphansFirst(ContainerVerdict v) {
    return v.getsNewId() ? prerequisites.removals().orphans() : List.of();
  }

  /**
   * An await-healthy action for a container with a health check whose dependents act in this pass,
   * unless it has no action itself and is already healthy.
   */
  private Optional<Action> healthGate(ContainerSpec spec, ContainerVerdict v) {
    List<String> needers = graph.dependentsOf(spec.name()).stream()
        .filter(d -> verdicts.get(d).kind() != Kind.OK).toList();
    if (spec.health().isEmpty() || needers.isEmpty()) {
      return Optional.empty();
    }
    String need = "needed healthy by " + String.join(", ", needers);
    String id = ready.get(spec.name());
    if (id == null) {
      HealthStatus health = v.current().orElseThrow().health();
      if (health == HealthStatus.HEALTHY || health == HealthStatus.NONE) {
        return Optional.empty();
      }
      need = health.name().toLowerCase(Locale.ROOT) + "; " + need;
    }
    Action gate = Action.of(ActionKind.AWAIT_HEALTHY, spec.name(), need, HealthWait.forCheck(spec.health().get()));
    return Optional.of(id == null ? gate : gate.waitingFor(List.of(id)));
  }

  private static Optional<String> optional(String id) {
    return Optional.ofNullable(id);
  }
}
