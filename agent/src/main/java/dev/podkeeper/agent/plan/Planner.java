package dev.podkeeper.agent.plan;

import dev.podkeeper.agent.plan.RemovalPlanner.Removals;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.graph.DependencyGraph;
import dev.podkeeper.model.observed.ObservedContainer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides what a pass does: a pure function of the desired state and the observed world, with no I/O, so
 * that it is tested as a table of cases. Every action carries its cause; a converged world gives an empty
 * plan.
 *
 * <p>Plan order (spec section 3): removals (namespace members before providers, containers before
 * networks), networks, directories, env files, units, then containers in dependency order, then the reverse
 * proxy's sites and routes. Only managed objects are ever acted on. With {@code noSystemd} there are no unit
 * actions, so nothing waits for a unit.
 */
public final class Planner {
  private Planner() {}

  /** A plan that leaves the reverse proxy alone. */
  public static Plan plan(DesiredState desired, ObservedWorld world, PlannerOptions options) {
    return plan(desired, world, ProxyObservation.notRead(), options);
  }

  /**
   * @param proxy what the pass read of the reverse proxy: its sites and routes come last, after their containers
   * @throws PlanRefusedException if the file removes every container and {@code allowEmpty} is not set
   */
  public static Plan plan(DesiredState desired, ObservedWorld world, ProxyObservation proxy, PlannerOptions options) {
    return plan(desired, world, proxy, options, new SpecHashes()); // one plan: nothing to keep them for
  }

  /** @param hashes the spec hashes kept from earlier passes ({@link SpecHashes}): a running agent's */
  public static Plan plan(DesiredState desired, ObservedWorld world, ProxyObservation proxy, PlannerOptions options,
      SpecHashes hashes) {
    List<ObservedContainer> orphans = RemovalPlanner.orphans(desired, world);
    refuseToEmpty(desired, orphans, options);
    DependencyGraph graph = DependencyGraph.of(desired.containers());
    Set<String> replacedNetworks = NetworkPlanner.replaced(desired, world);
    Set<String> orphanIds = orphans.stream().map(ObservedContainer::id).collect(Collectors.toSet());
    boolean networksGo = !replacedNetworks.isEmpty() || world.engine().networks().stream()
        .anyMatch(n -> n.managedBy(desired.stack()) && !desired.networks().containsKey(n.name()));
    Map<String, ContainerVerdict> verdicts =
        new ContainerAssessor(desired, world, replacedNetworks, orphanIds, options.adopt(), updatesToPerform(options),
            options.gates(), hashes)
            .assessAll(graph, networksGo);

    PlanBuilder plan = new PlanBuilder(options.holds());
    List<ContainerVerdict> splits = verdicts.values().stream().filter(ContainerVerdict::split).toList();
    Removals removals = RemovalPlanner.plan(plan, desired, world, orphans, splits, replacedNetworks);
    Map<String, String> networks = NetworkPlanner.plan(plan, desired, world, removals.networks());
    PathActions paths = HostPathPlanner.plan(plan, desired, world);
    Map<String, String> envFiles = EnvFilePlanner.plan(plan, desired, world, paths);
    Map<String, String> units = options.noSystemd() ? Map.of() : UnitPlanner.plan(plan, desired, world);
    new ContainerPlanner(desired, world, graph, verdicts, new Prerequisites(removals, networks, paths, envFiles, units))
        .plan(plan);
    RoutePlanner.plan(plan, desired, proxy);
    return plan.build(world.secretValues());
  }

  /** An update waits while its container's crash-loop backoff holds its start: it is not recreated meanwhile. */
  private static Map<String, ImageUpdate> updatesToPerform(PlannerOptions options) {
    return options.updates().entrySet().stream()
        .filter(u -> !options.holds().containsKey(Action.idOf(ActionKind.START_CONTAINER, u.getKey())))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private static void refuseToEmpty(DesiredState desired, List<ObservedContainer> orphans, PlannerOptions options) {
    if (desired.containers().isEmpty() && !orphans.isEmpty() && !options.allowEmpty()) {
      throw new PlanRefusedException(desired.source() + " declares no containers: applying it would remove all "
          + orphans.size() + " containers of stack " + desired.stack() + " ("
          + orphans.stream().map(ObservedContainer::name).collect(Collectors.joining(", "))
          + "). Nothing was changed; pass --allow-empty if that is what you want.");
    }
  }
}
