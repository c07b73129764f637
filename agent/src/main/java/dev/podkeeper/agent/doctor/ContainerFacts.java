package dev.podkeeper.agent.doctor;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.observed.ContainerProcess;
import dev.podkeeper.model.observed.ObservedContainer;
import java.util.List;
import java.util.Optional;

/**
 * One container of the file as found: the engine's list entry and processes, and what the host says of them.
 *
 * @param observed empty when the engine has no container of that name managed by this stack
 * @param netns {@code readlink /proc/PID/ns/net} of its process, while it runs
 * @param routes its namespace's routing table, read for a container given {@code /dev/net/tun}
 * @param logTail its last log lines, read when it is not running; secret values masked
 */
public record ContainerFacts(ContainerSpec spec, Optional<ObservedContainer> observed, ContainerProcess process,
    Optional<String> netns, Optional<RouteTable> routes, List<String> logTail) {

  public ContainerFacts {
    requireNonNull(spec, "spec is null");
    requireNonNull(observed, "observed is null");
    requireNonNull(process, "process is null");
    requireNonNull(netns, "netns is null");
    requireNonNull(routes, "routes is null");
    logTail = List.copyOf(logTail);
  }

  public String name() {
    return spec.name();
  }

  public boolean running() {
    return observed.map(ObservedContainer::running).orElse(false) && process.running();
  }
}
