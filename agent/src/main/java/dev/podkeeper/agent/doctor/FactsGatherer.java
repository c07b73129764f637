package dev.podkeeper.agent.doctor;

import dev.podkeeper.agent.observe.WorldObserver;
import dev.podkeeper.agent.plan.ObservedWorld;
import dev.podkeeper.agent.plan.Plan;
import dev.podkeeper.agent.plan.Planner;
import dev.podkeeper.agent.plan.PlannerOptions;
import dev.podkeeper.agent.status.StatusSnapshot;
import dev.podkeeper.model.SecretMask;
import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.PortMapping;
import dev.podkeeper.model.desired.PortMapping.Protocol;
import dev.podkeeper.model.desired.RouteSpec;
import dev.podkeeper.model.observed.ContainerProcess;
import dev.podkeeper.model.observed.ObservedContainer;
import dev.podkeeper.model.port.ContainerEngine;
import dev.podkeeper.model.port.EngineException;
import dev.podkeeper.model.validate.RouteTargets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Looks at everything the checks judge, and changes nothing: the engine (one list, one inspect per running
 * container, a log tail per stopped one), the host's {@code /proc}, a connect per published loopback port and a
 * GET per route upstream, and the plan {@code plan} would make now.
 */
public final class FactsGatherer {
  static final int LOG_LINES = 20;
  private static final String TUN = "/dev/net/tun";

  private final ContainerEngine engine;
  private final WorldObserver observer;
  private final ProcFs proc;
  private final Probes probes;
  private final Clock clock;

  public FactsGatherer(ContainerEngine engine, WorldObserver observer, ProcFs proc, Probes probes, Clock clock) {
    this.engine = engine;
    this.observer = observer;
    this.proc = proc;
    this.probes = probes;
    this.clock = clock;
  }

  /** @throws EngineException when the engine cannot be listed: then doctor could not look */
  public DoctorFacts gather(DesiredState desired, Optional<StatusSnapshot> agent, Path agentSocket,
      boolean checkUnits) {
    ObservedWorld world = observer.observe(desired, checkUnits);
    Plan plan = Planner.plan(desired, world, PlannerOptions.DEFAULT.withAllowEmpty(true).withNoSystemd(!checkUnits));
    SecretMask mask = new SecretMask(world.secretValues().reveal());
    Map<String, ObservedContainer> managed = world.engine().containers().stream()
        .filter(c -> c.managedBy(desired.stack()))
        .collect(Collectors.toMap(ObservedContainer::name, c -> c, (a, b) -> a));
    Map<String, ContainerFacts> containers = new LinkedHashMap<>();
    for (ContainerSpec spec : desired.containers().values()) {
      containers.put(spec.name(), container(spec, Optional.ofNullable(managed.get(spec.name())), mask));
    }
    List<Listener> listeners = listeners(desired);
    Set<Long> conmons = containers.values().stream().map(c -> c.process().conmonPid()).filter(p -> p > 0)
        .collect(Collectors.toSet());
    Map<Long, HostProcess> owners = new SocketOwners(proc, clock).owners(
        listeners.stream().map(Listener::inode).collect(Collectors.toSet()), conmons);
    return new DoctorFacts(desired, containers, listeners, owners, connects(containers), upstreams(desired), world,
        plan, agent, agentSocket, checkUnits, clock.getZone());
  }

  private ContainerFacts container(ContainerSpec spec, Optional<ObservedContainer> observed, SecretMask mask) {
    if (observed.isEmpty()) {
      return missing(spec);
    }
    try {
      return present(spec, observed.get(), mask);
    } catch (EngineException e) {
      // Removed between the list and this look (a recreate under way, or by hand): judged as missing, rather
      // than doctor giving up on every check.
      if (engine.inspectContainer(observed.get().id()).isEmpty()) {
        return missing(spec);
      }
      throw e;
    }
  }

  private static ContainerFacts missing(ContainerSpec spec) {
    return new ContainerFacts(spec, Optional.empty(), ContainerProcess.NOT_RUNNING, Optional.empty(), Optional.empty(),
        List.of());
  }

  private ContainerFacts present(ContainerSpec spec, ObservedContainer observed, SecretMask mask) {
    String id = observed.id();
    ContainerProcess process = observed.running() ? engine.inspectProcess(id) : ContainerProcess.NOT_RUNNING;
    if (!process.running()) {
      List<String> tail = engine.logTail(id, LOG_LINES).stream().map(mask::mask).toList();
      return new ContainerFacts(spec, Optional.of(observed), process, Optional.empty(), Optional.empty(), tail);
    }
    Optional<RouteTable> routes = spec.devices().stream().anyMatch(d -> d.hostPath().equals(TUN))
        ? proc.read(process.pid() + "/net/route").map(RouteTable::parse)
        : Optional.empty();
    return new ContainerFacts(spec, Optional.of(observed), process, proc.link(process.pid() + "/ns/net"), routes,
        List.of());
  }

  /** The listening sockets on the ports the file publishes, from the four socket tables. */
  private List<Listener> listeners(DesiredState desired) {
    Set<String> published = new HashSet<>();
    desired.containers().values().forEach(c -> c.ports()
        .forEach(p -> published.add(p.protocol() + ":" + p.hostPort())));
    if (published.isEmpty()) {
      return List.of();
    }
    Map<String, Protocol> tables = Map.of("net/tcp", Protocol.TCP, "net/tcp6", Protocol.TCP, "net/udp", Protocol.UDP,
        "net/udp6", Protocol.UDP);
    return tables.entrySet().stream()
        .flatMap(t -> proc.read(t.getKey()).map(text -> SocketTable.listeners(t.getValue(), text)).orElse(List.of())
            .stream())
        .filter(l -> published.contains(l.protocol() + ":" + l.port()))
        .toList();
  }

  /** A connect to every TCP port a running container publishes. */
  private Map<String, Probes.Answer> connects(Map<String, ContainerFacts> containers) {
    Map<String, Probes.Answer> answers = new HashMap<>();
    for (ContainerFacts c : containers.values()) {
      if (!c.running()) {
        continue;
      }
      for (PortMapping port : c.spec().ports()) {
        if (port.protocol() == Protocol.TCP) {
          String host = port.hostIp().equals("0.0.0.0") ? "127.0.0.1" : port.hostIp();
          answers.put(DoctorFacts.dialable(port.hostIp(), port.hostPort()), probes.connect(host, port.hostPort()));
        }
      }
    }
    return answers;
  }

  /** A GET to each route's upstream, of the path Caddy would send (the prefix, unless it is stripped). */
  private Map<String, Probes.Answer> upstreams(DesiredState desired) {
    Map<String, Probes.Answer> answers = new HashMap<>();
    for (RouteSpec route : desired.proxy().routes()) {
      RouteTargets.upstream(desired, route).ifPresent(upstream -> answers.put(RouteUpstreamCheck.target(route),
          probes.get(upstream, route.stripPrefix() ? "/" : route.path().orElse("/"))));
    }
    return answers;
  }
}
