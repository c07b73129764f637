package dev.podkeeper.agent.plan;

import dev.podkeeper.agent.plan.ActionInput.ContainerRef;
import dev.podkeeper.agent.plan.ActionInput.NetworkRef;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.observed.ObservedContainer;
import dev.podkeeper.model.observed.ObservedNetwork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The removal phase: orphan containers and the old halves of split replacements, namespace members before
 * their providers (Podman refuses to remove a provider others join), then orphan and replaced networks
 * (Podman refuses to remove a network in use). Unmanaged objects never get here.
 */
final class RemovalPlanner {
  static final String ORPHAN = "not in the desired state (orphan)";

  private RemovalPlanner() {}

  /**
   * @param containers removal action by the ID of the container it removes
   * @param orphans the removal actions of orphan containers: new containers start after them, since they
   *     may hold a host port the new ones need (their names are not in the file, so no name)
   * @param networks removal action by network name
   */
  record Removals(Map<String, String> containers, List<String> orphans, Map<String, String> networks) {
    /** The removals of containers that joined the namespace of container {@code providerId}. */
    List<String> ofMembersOf(String providerId, ObservedWorld world) {
      return removalsOfMembers(containers, providerId, world);
    }
  }

  private static List<String> removalsOfMembers(Map<String, String> removals, String providerId, ObservedWorld world) {
    return world.engine().containers().stream()
        .filter(c -> c.namespaceProviderId().filter(providerId::equals).isPresent())
        .map(c -> removals.get(c.id()))
        .filter(id -> id != null)
        .toList();
  }

  private record Removal(ObservedContainer container, String cause, Duration stopTimeout) {}

  /** Containers labelled with the stack that the file no longer declares. */
  static List<ObservedContainer> orphans(DesiredState desired, ObservedWorld world) {
    return world.engine().containers().stream()
        .filter(c -> c.managedBy(desired.stack()) && !desired.containers().containsKey(c.name()))
        .toList();
  }

  static Removals plan(PlanBuilder plan, DesiredState desired, ObservedWorld world, List<ObservedContainer> orphanList,
      Collection<ContainerVerdict> splits, Set<String> replacedNetworks) {
    List<Removal> pending = new ArrayList<>();
    List<String> orphanNames = new ArrayList<>();
    for (ObservedContainer c : orphanList) {
      pending.add(new Removal(c, ORPHAN, ContainerRef.DEFAULT_STOP_TIMEOUT));
      orphanNames.add(c.name());
    }
    for (ContainerVerdict split : splits) {
      Duration timeout = desired.containers().get(split.name()).stopTimeout().orElse(ContainerRef.DEFAULT_STOP_TIMEOUT);
      pending.add(new Removal(split.current().orElseThrow(), split.cause(), timeout));
    }
    Map<String, String> containers = new LinkedHashMap<>();
    List<String> orphans = new ArrayList<>();
    while (!pending.isEmpty()) {
      // Members first. Podman allows no namespace cycles; the fallback only guarantees that this loop ends.
      Removal next = pending.stream().filter(r -> pending.stream().noneMatch(m -> joins(m, r))).findFirst()
          .orElse(pending.get(0));
      pending.remove(next);
      ObservedContainer c = next.container();
      List<String> members = removalsOfMembers(containers, c.id(), world);
      String id = plan.add(Action.of(ActionKind.REMOVE_CONTAINER, c.name(), next.cause(),
          new ContainerRef(c.id(), next.stopTimeout())).waitingFor(members));
      containers.put(c.id(), id);
      if (orphanNames.contains(c.name())) {
        orphans.add(id);
      }
    }
    return new Removals(containers, orphans, removeNetworks(plan, desired, world, replacedNetworks, containers.values()));
  }

  private static boolean joins(Removal member, Removal provider) {
    return member.container().namespaceProviderId().filter(provider.container().id()::equals).isPresent();
  }

  /** Networks wait for every container removal: which containers use a network, the list does not say. */
  private static Map<String, String> removeNetworks(PlanBuilder plan, DesiredState desired, ObservedWorld world,
      Set<String> replacedNetworks, Collection<String> containerRemovals) {
    Map<String, String> networks = new LinkedHashMap<>();
    for (ObservedNetwork n : world.engine().networks()) {
      if (!n.managedBy(desired.stack())) {
        continue;
      }
      boolean orphan = !desired.networks().containsKey(n.name());
      if (orphan || replacedNetworks.contains(n.name())) {
        String cause = orphan ? ORPHAN : NetworkPlanner.SPEC_CHANGED;
        networks.put(n.name(), plan.add(Action.of(ActionKind.REMOVE_NETWORK, n.name(), cause, new NetworkRef(n.id()))
            .waitingFor(containerRemovals)));
      }
    }
    return networks;
  }
}
