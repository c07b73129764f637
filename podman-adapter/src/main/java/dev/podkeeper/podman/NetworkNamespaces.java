package dev.podkeeper.podman;

import dev.podkeeper.model.observed.ObservedContainer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The network namespaces the dead-namespace check compares: those of each running namespace member (a container
 * with podkeeper's provider label) and of its provider, and no others. Podman's list could give every container's
 * ({@code namespace=true}), but it reads seven namespaces from {@code /proc} for each: about 90 µs a container,
 * a sixth of the list's time at 300 containers. Read here from this host's {@code /proc} for the few that need
 * it ({@link HostNamespaces}); those the host cannot vouch for (a PID of another PID namespace, an engine
 * elsewhere, a process that ended meanwhile) are asked of the engine, in one list filtered to them.
 */
final class NetworkNamespaces {
  private final HostNamespaces host;
  /** The engine's own list of these containers (IDs), with their namespaces. */
  private final Function<List<String>, List<ObservedContainer>> engineList;

  NetworkNamespaces(HostNamespaces host, Function<List<String>, List<ObservedContainer>> engineList) {
    this.host = host;
    this.engineList = engineList;
  }

  /** {@code containers} (the engine's list without namespaces), members and their providers with theirs. */
  List<ObservedContainer> fill(List<ObservedContainer> containers) {
    Set<String> wanted = wanted(containers);
    if (wanted.isEmpty()) {
      return containers;
    }
    Map<String, String> found = new HashMap<>();
    List<String> unknown = new ArrayList<>();
    for (ObservedContainer c : containers) {
      if (wanted.contains(c.id())) { // alive, so it has a PID
        host.networkNamespace(c.pid().getAsLong(), c.id())
            .ifPresentOrElse(ns -> found.put(c.id(), ns), () -> unknown.add(c.id()));
      }
    }
    if (!unknown.isEmpty()) {
      engineList.apply(unknown).forEach(c -> c.networkNamespace().ifPresent(ns -> found.put(c.id(), ns)));
    }
    return containers.stream()
        .map(c -> found.containsKey(c.id()) ? c.withNetworkNamespace(Optional.of(found.get(c.id()))) : c)
        .toList();
  }

  /**
   * {@code running} (from an inspect, which has no namespace) with its network namespace: read on the host, or
   * else taken from the engine's list entry of it; empty when the engine no longer lists it.
   */
  Optional<ObservedContainer> fillOne(ObservedContainer running) {
    Optional<String> namespace = host.networkNamespace(running.pid().getAsLong(), running.id());
    if (namespace.isPresent()) {
      return Optional.of(running.withNetworkNamespace(namespace));
    }
    return engineList.apply(List.of(running.id())).stream().filter(c -> c.id().equals(running.id())).findFirst()
        .map(listed -> running.withNetworkNamespace(listed.networkNamespace()));
  }

  /** The IDs of the members that run (or are paused: they have a process) and of their providers that do. */
  private static Set<String> wanted(List<ObservedContainer> containers) {
    Set<String> alive = containers.stream().filter(NetworkNamespaces::alive).map(ObservedContainer::id)
        .collect(Collectors.toSet());
    Set<String> wanted = new HashSet<>();
    for (ObservedContainer c : containers) {
      if (alive.contains(c.id()) && c.namespaceProviderId().isPresent()) {
        wanted.add(c.id());
        c.namespaceProviderId().filter(alive::contains).ifPresent(wanted::add);
      }
    }
    return wanted;
  }

  /** Has a process whose namespace can be read: running or paused, as the engine's list reports namespaces. */
  private static boolean alive(ObservedContainer c) {
    return c.pid().isPresent();
  }
}
