package dev.podkeeper.podman;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.NetworkAttachment;
import dev.podkeeper.model.desired.PortMapping;
import dev.podkeeper.model.port.EngineException;
import dev.podkeeper.model.port.FailureKind;
import dev.podkeeper.model.port.ResolvedContainer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Fills a docker-java create command with every field of a {@link ResolvedContainer}. */
final class ContainerCreation {
  private ContainerCreation() {}

  static CreateContainerCmd apply(CreateContainerCmd cmd, ResolvedContainer resolved) {
    ContainerSpec spec = resolved.spec();
    HostConfig host = HostConfig.newHostConfig()
        .withPrivileged(spec.privileged())
        .withRestartPolicy(restart(spec.restart()));

    cmd.withName(spec.name()).withImage(spec.image()).withLabels(labels(resolved)).withEnv(env(resolved));
    network(cmd, host, resolved);
    ports(cmd, host, spec.ports());
    host.withBinds(spec.volumes().stream()
        .map(v -> new Bind(v.source(), new Volume(v.target()), v.readOnly() ? AccessMode.ro : AccessMode.rw))
        .toList());
    if (!spec.capAdd().isEmpty()) {
      host.withCapAdd(spec.capAdd().stream().map(c -> capability(spec, c)).toArray(Capability[]::new));
    }
    if (!spec.capDrop().isEmpty()) {
      host.withCapDrop(spec.capDrop().stream().map(c -> capability(spec, c)).toArray(Capability[]::new));
    }
    if (!spec.devices().isEmpty()) {
      host.withDevices(spec.devices().stream()
          .map(d -> new Device(d.permissions(), d.containerPath(), d.hostPath()))
          .toList());
    }
    spec.memoryBytes().ifPresent(host::withMemory);
    spec.cpus().ifPresent(cpus -> host.withNanoCPUs(Math.round(cpus * 1_000_000_000d)));
    // An empty command means "the image's own", as Compose reads `command: []`.
    spec.command().filter(c -> !c.isEmpty()).ifPresent(cmd::withCmd);
    spec.entrypoint().ifPresent(cmd::withEntrypoint);
    spec.user().ifPresent(cmd::withUser);
    spec.workdir().ifPresent(cmd::withWorkingDir);
    spec.hostname().ifPresent(cmd::withHostName);
    spec.stopTimeout().ifPresent(t -> cmd.withStopTimeout(ceilSeconds(t)));
    spec.health().ifPresent(h -> cmd.withHealthcheck(new HealthCheck()
        .withTest(h.test())
        .withInterval(h.interval().toNanos())
        .withTimeout(h.timeout().toNanos())
        .withRetries(h.retries())
        .withStartPeriod(h.startPeriod().toNanos())));
    return cmd.withHostConfig(host);
  }

  /** The resolved labels, plus the provider's ID for a namespace member (see {@link PodmanLabels}). */
  static Map<String, String> labels(ResolvedContainer resolved) {
    Map<String, String> labels = new LinkedHashMap<>(resolved.labels());
    resolved.providerId().ifPresent(id -> labels.put(PodmanLabels.PROVIDER_ID, id));
    return labels;
  }

  private static List<String> env(ResolvedContainer resolved) {
    return new TreeMap<>(resolved.env()).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
  }

  private static void network(CreateContainerCmd cmd, HostConfig host, ResolvedContainer resolved) {
    if (resolved.spec().network() instanceof NetworkAttachment.Bridge bridge) {
      host.withNetworkMode(bridge.network());
      if (!resolved.spec().aliases().isEmpty()) {
        cmd.withAliases(resolved.spec().aliases());
      }
    } else if (resolved.spec().network() instanceof NetworkAttachment.PodmanDefault) {
      // What the compat API means by "bridge": Podman's default network, as `podman run` without --network.
      host.withNetworkMode("bridge");
    } else {
      // Podman needs the provider's ID (or name); the ID pins the exact container the hash was made with.
      host.withNetworkMode("container:" + resolved.providerId().orElseThrow());
    }
  }

  private static void ports(CreateContainerCmd cmd, HostConfig host, List<PortMapping> mappings) {
    if (mappings.isEmpty()) {
      return;
    }
    Ports ports = new Ports();
    List<ExposedPort> exposed = mappings.stream().map(ContainerCreation::exposed).distinct().toList();
    for (PortMapping p : mappings) {
      ports.bind(exposed(p), Ports.Binding.bindIpAndPort(p.hostIp(), p.hostPort()));
    }
    cmd.withExposedPorts(exposed);
    host.withPortBindings(ports);
  }

  private static ExposedPort exposed(PortMapping p) {
    return p.protocol() == PortMapping.Protocol.UDP
        ? ExposedPort.udp(p.containerPort())
        : ExposedPort.tcp(p.containerPort());
  }

  private static RestartPolicy restart(dev.podkeeper.model.desired.RestartPolicy policy) {
    return switch (policy) {
      case NO -> RestartPolicy.noRestart();
      case ON_FAILURE -> RestartPolicy.onFailureRestart(0);
      case ALWAYS -> RestartPolicy.alwaysRestart();
      case UNLESS_STOPPED -> RestartPolicy.unlessStoppedRestart();
    };
  }

  /** NET_ADMIN, net_admin and CAP_NET_ADMIN all name the same capability. */
  private static Capability capability(ContainerSpec spec, String name) {
    String normal = name.toUpperCase(Locale.ROOT);
    normal = normal.startsWith("CAP_") ? normal.substring(4) : normal;
    try {
      return Capability.valueOf(normal);
    } catch (IllegalArgumentException e) {
      throw new EngineException("create container " + spec.name() + ": unknown capability " + name
          + "; use a name from capabilities(7) such as NET_ADMIN", FailureKind.PERMANENT, null);
    }
  }

  static int ceilSeconds(Duration d) {
    long seconds = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
    return (int) Math.min(Integer.MAX_VALUE, seconds);
  }
}
