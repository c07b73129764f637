package dev.podkeeper.podman;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podkeeper.model.desired.DeviceMapping;
import dev.podkeeper.model.desired.HealthCheck;
import dev.podkeeper.model.desired.NetworkSpec;
import dev.podkeeper.model.desired.PortMapping;
import dev.podkeeper.model.desired.RestartPolicy;
import dev.podkeeper.model.desired.VolumeMount;
import dev.podkeeper.model.observed.ContainerDetails;
import dev.podkeeper.model.observed.ImageDefaults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Podman's Docker-compatible container and image inspect and its own network inspect. What Podman 4.3.1
 * puts there (seen with curl on this project's machines): {@code Config.Image} as written at create time;
 * {@code Config.Env} with the image's entries and Podman's own ({@code container=podman}, {@code TERM},
 * {@code HOME}, {@code HOSTNAME}); {@code Config.Entrypoint} {@code []} when none; {@code Config.StopTimeout}
 * in seconds; {@code HostConfig.NetworkMode} {@code container:<full ID>} for a member and {@code bridge} for
 * every bridge network (the names are the keys of {@code NetworkSettings.Networks}); {@code Mounts} with
 * {@code Type} bind or volume; a device's {@code CgroupPermissions} empty whatever was given; a health check's
 * {@code StartPeriod} left out when zero.
 */
final class InspectParser {
  private static final long NANOS_PER_CPU = 1_000_000_000L;

  private InspectParser() {}

  static ContainerDetails container(JsonNode c) {
    JsonNode config = c.path("Config");
    JsonNode host = c.path("HostConfig");
    String mode = host.path("NetworkMode").asText("");
    Optional<String> provider = mode.startsWith("container:")
        ? Optional.of(mode.substring("container:".length())) : Optional.empty();
    List<String> networks = new ArrayList<>();
    List<String> aliases = new ArrayList<>();
    if (provider.isEmpty()) {
      c.path("NetworkSettings").path("Networks").properties().forEach(e -> {
        networks.add(e.getKey());
        texts(e.getValue().path("Aliases")).stream().filter(a -> !aliases.contains(a)).forEach(aliases::add);
      });
    }
    long memory = host.path("Memory").asLong(0);
    long nanoCpus = host.path("NanoCpus").asLong(0);
    return new ContainerDetails(
        c.path("Id").asText(),
        stripSlash(c.path("Name").asText()),
        config.path("Image").asText(""),
        ContainerListParser.labels(config.get("Labels")),
        provider,
        networks,
        aliases,
        ports(host.path("PortBindings")),
        volumes(c.path("Mounts")),
        env(config.path("Env")),
        health(config.path("Healthcheck")),
        restart(host.path("RestartPolicy").path("Name").asText("")),
        memory > 0 ? Optional.of(memory) : Optional.empty(),
        nanoCpus > 0 ? Optional.of((double) nanoCpus / NANOS_PER_CPU) : Optional.empty(),
        texts(host.path("CapAdd")),
        texts(host.path("CapDrop")),
        devices(host.path("Devices")),
        host.path("Privileged").asBoolean(false),
        texts(config.path("Cmd")),
        texts(config.path("Entrypoint")),
        config.path("User").asText(""),
        config.path("WorkingDir").asText(""),
        config.path("Hostname").asText(""),
        config.has("StopTimeout") ? Optional.of(Duration.ofSeconds(config.path("StopTimeout").asLong()))
            : Optional.empty());
  }

  static ImageDefaults image(JsonNode image) {
    JsonNode config = image.path("Config");
    return new ImageDefaults(texts(config.path("Cmd")), texts(config.path("Entrypoint")), env(config.path("Env")),
        config.path("User").asText(""), config.path("WorkingDir").asText(""),
        ContainerListParser.labels(config.get("Labels")), health(config.path("Healthcheck")));
  }

  /** The first IPv4 subnet (podkeeper's networks have one); DNS from Podman's own {@code dns_enabled}. */
  static NetworkSpec network(JsonNode n) {
    JsonNode subnet = n.path("subnets").path(0);
    return new NetworkSpec(n.path("name").asText(), text(subnet.path("subnet")), text(subnet.path("gateway")),
        n.path("dns_enabled").asBoolean(false));
  }

  private static List<PortMapping> ports(JsonNode bindings) {
    List<PortMapping> ports = new ArrayList<>();
    bindings.properties().forEach(e -> {
      String[] portAndProtocol = e.getKey().split("/", 2);
      PortMapping.Protocol protocol = portAndProtocol.length > 1 && portAndProtocol[1].equalsIgnoreCase("udp")
          ? PortMapping.Protocol.UDP : PortMapping.Protocol.TCP;
      int containerPort = Integer.parseInt(portAndProtocol[0]);
      for (JsonNode b : e.getValue()) {
        String ip = b.path("HostIp").asText("");
        ports.add(new PortMapping(ip.isEmpty() ? "0.0.0.0" : ip, Integer.parseInt(b.path("HostPort").asText("0")),
            containerPort, protocol));
      }
    });
    return ports;
  }

  /** Bind mounts by host path, named volumes by name; anonymous volumes and tmpfs are not the file's to say. */
  private static List<VolumeMount> volumes(JsonNode mounts) {
    List<VolumeMount> volumes = new ArrayList<>();
    for (JsonNode m : mounts) {
      String type = m.path("Type").asText("");
      String source = type.equals("volume") ? m.path("Name").asText("") : m.path("Source").asText("");
      if ((type.equals("bind") || type.equals("volume")) && !source.isEmpty()) {
        volumes.add(new VolumeMount(source, m.path("Destination").asText(), !m.path("RW").asBoolean(true)));
      }
    }
    return volumes;
  }

  private static List<DeviceMapping> devices(JsonNode devices) {
    List<DeviceMapping> list = new ArrayList<>();
    for (JsonNode d : devices) {
      list.add(new DeviceMapping(d.path("PathOnHost").asText(), d.path("PathInContainer").asText(),
          d.path("CgroupPermissions").asText("")));
    }
    return list;
  }

  private static Map<String, String> env(JsonNode env) {
    Map<String, String> vars = new LinkedHashMap<>();
    for (String entry : texts(env)) {
      int eq = entry.indexOf('=');
      vars.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
    }
    return vars;
  }

  private static Optional<HealthCheck> health(JsonNode h) {
    List<String> test = texts(h.path("Test"));
    if (test.isEmpty() || test.get(0).equals("NONE")) {
      return Optional.empty();
    }
    return Optional.of(new HealthCheck(test,
        nanos(h.path("Interval"), HealthCheck.DEFAULT_INTERVAL),
        nanos(h.path("Timeout"), HealthCheck.DEFAULT_TIMEOUT),
        h.path("Retries").asInt(HealthCheck.DEFAULT_RETRIES),
        nanos(h.path("StartPeriod"), Duration.ZERO)));
  }

  private static Duration nanos(JsonNode value, Duration absent) {
    return value.asLong(0) > 0 ? Duration.ofNanos(value.asLong()) : absent;
  }

  private static RestartPolicy restart(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "always" -> RestartPolicy.ALWAYS;
      case "on-failure" -> RestartPolicy.ON_FAILURE;
      case "unless-stopped" -> RestartPolicy.UNLESS_STOPPED;
      default -> RestartPolicy.NO;
    };
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    if (array.isArray()) {
      array.forEach(t -> texts.add(t.asText()));
    }
    return texts;
  }

  private static Optional<String> text(JsonNode node) {
    return node.isTextual() && !node.asText().isEmpty() ? Optional.of(node.asText()) : Optional.empty();
  }

  private static String stripSlash(String name) {
    return name.startsWith("/") ? name.substring(1) : name;
  }
}
