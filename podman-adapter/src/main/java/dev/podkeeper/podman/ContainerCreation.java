package dev.podkeeper.podman;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.model.Capability;
import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DeviceMapping;
import dev.podkeeper.model.desired.NetworkAttachment;
import dev.podkeeper.model.desired.PortMapping;
import dev.podkeeper.model.desired.VolumeMount;
import dev.podkeeper.model.port.EngineException;
import dev.podkeeper.model.port.FailureKind;
import dev.podkeeper.model.port.ResolvedContainer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The body of the Docker-compatible create ({@code POST /containers/create}) for a {@link ResolvedContainer}: every
 * field of its spec, as a JSON tree. Written by hand rather than as docker-java's create command: Jackson builds a
 * bean class's serializer on first use, by reflection over it and every type its fields name (the host config alone
 * has about 80), and a process's first create spent some 70 ms of CPU on that and on the answer's bean, between the
 * plan and its first request (the class-load log and a CPU profile of {@code apply} from empty). Absent fields are
 * left out, where docker-java sent them as {@code null}: the same to Podman, which reads both as unset.
 */
final class ContainerCreation {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ContainerCreation() {}

  static ObjectNode body(ResolvedContainer resolved) {
    ContainerSpec spec = resolved.spec();
    ObjectNode body = NODES.objectNode().put("Image", spec.image());
    ObjectNode host = NODES.objectNode()
        .put("Privileged", spec.privileged());
    host.putObject("RestartPolicy").put("Name", restart(spec.restart())).put("MaximumRetryCount", 0);
    ObjectNode labels = body.putObject("Labels");
    labels(resolved).forEach(labels::put);
    body.set("Env", array(env(resolved)));
    network(body, host, resolved);
    ports(body, host, spec.ports());
    host.set("Binds", array(spec.volumes().stream().map(ContainerCreation::bind).toList()));
    if (!spec.capAdd().isEmpty()) {
      host.set("CapAdd", array(spec.capAdd().stream().map(c -> capability(spec, c)).toList()));
    }
    if (!spec.capDrop().isEmpty()) {
      host.set("CapDrop", array(spec.capDrop().stream().map(c -> capability(spec, c)).toList()));
    }
    if (!spec.devices().isEmpty()) {
      ArrayNode devices = host.putArray("Devices");
      spec.devices().forEach(d -> device(devices.addObject(), d));
    }
    spec.memoryBytes().ifPresent(m -> host.put("Memory", m));
    spec.cpus().ifPresent(cpus -> host.put("NanoCpus", Math.round(cpus * 1_000_000_000d)));
    // An empty command means "the image's own", as Compose reads `command: []`.
    spec.command().filter(c -> !c.isEmpty()).ifPresent(c -> body.set("Cmd", array(c)));
    spec.entrypoint().ifPresent(e -> body.set("Entrypoint", array(e)));
    spec.user().ifPresent(u -> body.put("User", u));
    spec.workdir().ifPresent(w -> body.put("WorkingDir", w));
    spec.hostname().ifPresent(h -> body.put("Hostname", h));
    spec.stopTimeout().ifPresent(t -> body.put("StopTimeout", ceilSeconds(t)));
    spec.health().ifPresent(h -> body.putObject("Healthcheck")
        .<ObjectNode>set("Test", array(h.test()))
        .put("Interval", h.interval().toNanos())
        .put("Timeout", h.timeout().toNanos())
        .put("Retries", h.retries())
        .put("StartPeriod", h.startPeriod().toNanos()));
    body.set("HostConfig", host);
    return body;
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

  private static void network(ObjectNode body, ObjectNode host, ResolvedContainer resolved) {
    if (resolved.spec().network() instanceof NetworkAttachment.Bridge bridge) {
      host.put("NetworkMode", bridge.network());
      if (!resolved.spec().aliases().isEmpty()) {
        body.putObject("NetworkingConfig").putObject("EndpointsConfig").putObject(bridge.network())
            .set("Aliases", array(resolved.spec().aliases()));
      }
    } else if (resolved.spec().network() instanceof NetworkAttachment.PodmanDefault) {
      // What the compat API means by "bridge": Podman's default network, as `podman run` without --network.
      host.put("NetworkMode", "bridge");
    } else {
      // Podman needs the provider's ID (or name); the ID pins the exact container the hash was made with.
      host.put("NetworkMode", "container:" + resolved.providerId().orElseThrow());
    }
  }

  /** {@code ExposedPorts} and {@code PortBindings}, keyed "80/tcp"; one key may bind several host addresses. */
  private static void ports(ObjectNode body, ObjectNode host, List<PortMapping> mappings) {
    if (mappings.isEmpty()) {
      return;
    }
    ObjectNode exposed = body.putObject("ExposedPorts");
    ObjectNode bindings = host.putObject("PortBindings");
    for (PortMapping p : mappings) {
      String key = p.containerPort() + "/" + (p.protocol() == PortMapping.Protocol.UDP ? "udp" : "tcp");
      exposed.putObject(key);
      ArrayNode bound = bindings.has(key) ? (ArrayNode) bindings.get(key) : bindings.putArray(key);
      bound.addObject().put("HostIp", p.hostIp()).put("HostPort", Integer.toString(p.hostPort()));
    }
  }

  private static String bind(VolumeMount v) {
    return v.source() + ":" + v.target() + ":" + (v.readOnly() ? "ro" : "rw");
  }

  private static void device(ObjectNode node, DeviceMapping d) {
    node.put("PathOnHost", d.hostPath()).put("PathInContainer", d.containerPath())
        .put("CgroupPermissions", d.permissions());
  }

  /** The compatible API's names; {@code no} is the empty name, as Docker's own clients send it. */
  private static String restart(dev.podkeeper.model.desired.RestartPolicy policy) {
    return switch (policy) {
      case NO -> "";
      case ON_FAILURE -> "on-failure";
      case ALWAYS -> "always";
      case UNLESS_STOPPED -> "unless-stopped";
    };
  }

  private static ArrayNode array(List<String> values) {
    ArrayNode array = NODES.arrayNode(values.size());
    values.forEach(array::add);
    return array;
  }

  /** NET_ADMIN, net_admin and CAP_NET_ADMIN all name the same capability; docker-java's list says which exist. */
  private static String capability(ContainerSpec spec, String name) {
    String normal = name.toUpperCase(Locale.ROOT);
    normal = normal.startsWith("CAP_") ? normal.substring(4) : normal;
    try {
      return Capability.valueOf(normal).name();
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
