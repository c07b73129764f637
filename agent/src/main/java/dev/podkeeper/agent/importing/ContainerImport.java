package dev.podkeeper.agent.importing;

import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DeviceMapping;
import dev.podkeeper.model.desired.NetworkAttachment;
import dev.podkeeper.model.desired.PortMapping;
import dev.podkeeper.model.desired.RestartPolicy;
import dev.podkeeper.model.observed.ContainerDetails;
import dev.podkeeper.model.observed.ImageDefaults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns one container's inspect data into the entry a user would have written: what equals the image's
 * default, Podman's default or podkeeper's default is left out, so that the parser fills in the same values
 * again and the spec hash of a podkeeper-made container comes out equal.
 */
final class ContainerImport {
  /**
   * Podman's stop timeout when none was given: 10 s from its command line, 0 from its compatible API (which
   * podkeeper creates with, and which then stops with Podman's own default).
   */
  private static final List<Duration> ENGINE_STOP_TIMEOUTS = List.of(Duration.ofSeconds(10), Duration.ZERO);
  /** Podman's default device permissions; its inspect reports none. */
  private static final String DEVICE_PERMISSIONS = "rwm";
  private static final String LOOPBACK = "127.0.0.1";

  private final ContainerDetails c;
  private final ImageDefaults image;
  private final List<String> notes = new ArrayList<>();

  private ContainerImport(ContainerDetails details, ImageDefaults image) {
    this.c = details;
    this.image = image;
  }

  /**
   * @param network where it gets its network (its provider by name, or a bridge network of the file)
   * @param secretFile the env file the secret-looking variables move to
   */
  static ImportedContainer of(ContainerDetails details, ImageDefaults image, NetworkAttachment network,
      String secretFile) {
    return new ContainerImport(details, image).build(network, secretFile);
  }

  private ImportedContainer build(NetworkAttachment network, String secretFile) {
    boolean member = network instanceof NetworkAttachment.ContainerNamespace;
    Map<String, String> env = ownEnv();
    Map<String, String> secrets = new TreeMap<>();
    env.keySet().removeIf(name -> SecretNames.looksSecret(name) && secrets.put(name, env.get(name)) == null);
    if (!secrets.isEmpty()) {
      notes.add(String.join(", ", secrets.keySet()) + ": values not printed (they look like secrets); write them as"
          + " NAME=VALUE lines to " + secretFile + " (mode 0600) before apply");
    }
    if (c.networks().size() > 1) {
      notes.add("also attached to " + String.join(", ", c.networks().subList(1, c.networks().size()))
          + ": a container here has one network");
    }
    ContainerSpec spec = ContainerSpec.builder(c.name(), c.image(), network)
        .aliases(member ? List.of() : aliases())
        .ports(member ? List.of() : ports())
        .volumes(c.volumes())
        .capAdd(c.capAdd())
        .capDrop(c.capDrop())
        .devices(c.devices().stream().map(d -> d.permissions().isEmpty()
            ? new DeviceMapping(d.hostPath(), d.containerPath(), DEVICE_PERMISSIONS) : d).toList())
        .privileged(c.privileged())
        .envFiles(secrets.isEmpty() ? List.of() : List.of(secretFile))
        .env(env)
        .health(c.health().filter(h -> !image.health().equals(Optional.of(h))))
        .memoryBytes(c.memoryBytes())
        .cpus(c.cpus())
        .command(unlessDefault(c.command(), image.command()))
        .entrypoint(unlessDefault(c.entrypoint(), image.entrypoint()))
        .user(unlessDefault(c.user(), image.user()))
        .workdir(unlessDefault(c.workdir(), image.workdir().isEmpty() ? "/" : image.workdir()))
        .hostname(member || c.hostname().equals(shortId()) ? Optional.empty() : Optional.of(c.hostname()))
        .labels(labels())
        .restart(c.restart())
        .stopTimeout(c.stopTimeout().filter(t -> !ENGINE_STOP_TIMEOUTS.contains(t)))
        .build();
    if (c.restart() == RestartPolicy.NO) {
      notes.add("restart: no, as it runs now (podkeeper's default is unless-stopped)");
    }
    return new ImportedContainer(spec, secrets, notes);
  }

  /**
   * Its own variables: not the image's (same value), not the ones Podman adds to every container
   * ({@code container=podman}, {@code HOSTNAME}, and {@code TERM}, {@code HOME} unless the image sets them).
   */
  private Map<String, String> ownEnv() {
    Map<String, String> env = new LinkedHashMap<>(new TreeMap<>(c.env()));
    env.entrySet().removeIf(e -> e.getValue().equals(image.env().get(e.getKey())));
    env.remove("container", "podman");
    env.remove("HOSTNAME", c.hostname());
    if (!image.env().containsKey("TERM")) {
      env.remove("TERM", "xterm");
    }
    if (!image.env().containsKey("HOME")) {
      env.remove("HOME");
    }
    return env;
  }

  /** Podman gives each container its short ID (and sometimes its name) as an alias of its own. */
  private List<String> aliases() {
    return c.aliases().stream().filter(a -> !a.equals(shortId()) && !a.equals(c.name())).sorted().toList();
  }

  /** Published ports; one that binds every interface (the file refuses those) becomes a loopback one. */
  private List<PortMapping> ports() {
    List<PortMapping> ports = new ArrayList<>();
    for (PortMapping p : c.ports()) {
      boolean everywhere = p.hostIp().equals("0.0.0.0") || p.hostIp().equals("::") || p.hostIp().isEmpty();
      if (everywhere) {
        notes.add(p + " bound every interface; imported as " + LOOPBACK + " (put a reverse proxy in front, or set"
            + " lanAccess: true with a LAN address)");
      }
      ports.add(everywhere ? new PortMapping(LOOPBACK, p.hostPort(), p.containerPort(), p.protocol()) : p);
    }
    return ports.stream().sorted(Comparator.comparing(PortMapping::toString)).toList();
  }

  /** Its own labels: neither podkeeper's (which apply sets again) nor the image's. */
  private Map<String, String> labels() {
    Map<String, String> labels = new TreeMap<>(c.labels());
    labels.keySet().removeIf(k -> k.startsWith("dev.podkeeper."));
    labels.entrySet().removeIf(e -> e.getValue().equals(image.labels().get(e.getKey())));
    return labels;
  }

  private String shortId() {
    return c.id().length() > 12 ? c.id().substring(0, 12) : c.id();
  }

  private static <T> Optional<T> unlessDefault(T value, T imageDefault) {
    boolean none = value instanceof String s ? s.isEmpty() : value instanceof List<?> l && l.isEmpty();
    return none || value.equals(imageDefault) ? Optional.empty() : Optional.of(value);
  }
}
