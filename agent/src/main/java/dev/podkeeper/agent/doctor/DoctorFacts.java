package dev.podkeeper.agent.doctor;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.plan.ObservedWorld;
import dev.podkeeper.agent.plan.Plan;
import dev.podkeeper.agent.status.StatusSnapshot;
import dev.podkeeper.model.desired.DesiredState;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything doctor's checks judge, gathered once by {@link FactsGatherer}.
 *
 * @param containers by name, in the file's order
 * @param listeners every listening socket of the host on a port the file publishes
 * @param owners the process that holds each of those sockets, by inode; a socket missing here was not found
 * @param connects a TCP connect to each published loopback address ({@code HOST:PORT}) of a running container
 * @param upstreams a GET to each route's upstream, by the route's target (its path, or its listen address)
 * @param world and {@code plan}: what {@code plan} would decide now, for directories, env files and units
 * @param agent the running agent's status, when one answered on {@code agentSocket}
 * @param unitsChecked false under {@code --no-systemd}
 */
public record DoctorFacts(DesiredState desired, Map<String, ContainerFacts> containers, List<Listener> listeners,
    Map<Long, HostProcess> owners, Map<String, Probes.Answer> connects, Map<String, Probes.Answer> upstreams,
    ObservedWorld world, Plan plan, Optional<StatusSnapshot> agent, Path agentSocket, boolean unitsChecked,
    ZoneId zone) {

  public DoctorFacts {
    requireNonNull(desired, "desired is null");
    containers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(containers));
    listeners = List.copyOf(listeners);
    owners = Map.copyOf(owners);
    connects = Map.copyOf(connects);
    upstreams = Map.copyOf(upstreams);
    requireNonNull(world, "world is null");
    requireNonNull(plan, "plan is null");
    requireNonNull(agent, "agent is null");
    requireNonNull(agentSocket, "agentSocket is null");
    requireNonNull(zone, "zone is null");
  }

  public Optional<ContainerFacts> container(String name) {
    return Optional.ofNullable(containers.get(name));
  }

  /** {@code HOST:PORT} as a client dials it ({@code [::1]:8080} for IPv6). */
  static String dialable(String host, int port) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
