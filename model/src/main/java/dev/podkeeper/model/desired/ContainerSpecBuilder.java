package dev.podkeeper.model.desired;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds a {@link ContainerSpec}; unset fields take the format's defaults. */
public final class ContainerSpecBuilder {
  private final String name;
  private String image;
  private NetworkAttachment network;
  private PullPolicy pull = PullPolicy.MISSING;
  private List<String> aliases = List.of();
  private List<PortMapping> ports = List.of();
  private List<VolumeMount> volumes = List.of();
  private List<String> capAdd = List.of();
  private List<String> capDrop = List.of();
  private List<DeviceMapping> devices = List.of();
  private boolean privileged;
  private List<String> envFiles = List.of();
  private Map<String, String> env = new LinkedHashMap<>();
  private Optional<HealthCheck> health = Optional.empty();
  private List<String> dependsOn = List.of();
  private List<String> requiresUnits = List.of();
  private Optional<Long> memoryBytes = Optional.empty();
  private Optional<Double> cpus = Optional.empty();
  private Optional<List<String>> command = Optional.empty();
  private Optional<List<String>> entrypoint = Optional.empty();
  private Optional<String> user = Optional.empty();
  private Optional<String> workdir = Optional.empty();
  private Optional<String> hostname = Optional.empty();
  private Map<String, String> labels = new LinkedHashMap<>();
  private RestartPolicy restart = RestartPolicy.UNLESS_STOPPED;
  private Optional<Duration> stopTimeout = Optional.empty();
  private boolean lanAccess;
  private UpdatePolicy update = UpdatePolicy.DEFAULT;

  ContainerSpecBuilder(String name, String image, NetworkAttachment network) {
    this.name = name;
    this.image = image;
    this.network = network;
  }

  static ContainerSpecBuilder from(ContainerSpec s) {
    ContainerSpecBuilder b = new ContainerSpecBuilder(s.name(), s.image(), s.network());
    b.pull = s.pull();
    b.aliases = s.aliases();
    b.ports = s.ports();
    b.volumes = s.volumes();
    b.capAdd = s.capAdd();
    b.capDrop = s.capDrop();
    b.devices = s.devices();
    b.privileged = s.privileged();
    b.envFiles = s.envFiles();
    b.env = new LinkedHashMap<>(s.env());
    b.health = s.health();
    b.dependsOn = s.dependsOn();
    b.requiresUnits = s.requiresUnits();
    b.memoryBytes = s.memoryBytes();
    b.cpus = s.cpus();
    b.command = s.command();
    b.entrypoint = s.entrypoint();
    b.user = s.user();
    b.workdir = s.workdir();
    b.hostname = s.hostname();
    b.labels = new LinkedHashMap<>(s.labels());
    b.restart = s.restart();
    b.stopTimeout = s.stopTimeout();
    b.lanAccess = s.lanAccess();
    b.update = s.update();
    return b;
  }

  public ContainerSpecBuilder image(String v) { image = v; return this; }
  public ContainerSpecBuilder network(NetworkAttachment v) { network = v; return this; }
  public ContainerSpecBuilder pull(PullPolicy v) { pull = v; return this; }
  public ContainerSpecBuilder aliases(List<String> v) { aliases = v; return this; }
  public ContainerSpecBuilder ports(List<PortMapping> v) { ports = v; return this; }
  public ContainerSpecBuilder volumes(List<VolumeMount> v) { volumes = v; return this; }
  public ContainerSpecBuilder capAdd(List<String> v) { capAdd = v; return this; }
  public ContainerSpecBuilder capDrop(List<String> v) { capDrop = v; return this; }
  public ContainerSpecBuilder devices(List<DeviceMapping> v) { devices = v; return this; }
  public ContainerSpecBuilder privileged(boolean v) { privileged = v; return this; }
  public ContainerSpecBuilder envFiles(List<String> v) { envFiles = v; return this; }
  public ContainerSpecBuilder env(Map<String, String> v) { env = v; return this; }
  public ContainerSpecBuilder health(Optional<HealthCheck> v) { health = v; return this; }
  public ContainerSpecBuilder dependsOn(List<String> v) { dependsOn = v; return this; }
  public ContainerSpecBuilder requiresUnits(List<String> v) { requiresUnits = v; return this; }
  public ContainerSpecBuilder memoryBytes(Optional<Long> v) { memoryBytes = v; return this; }
  public ContainerSpecBuilder cpus(Optional<Double> v) { cpus = v; return this; }
  public ContainerSpecBuilder command(Optional<List<String>> v) { command = v; return this; }
  public ContainerSpecBuilder entrypoint(Optional<List<String>> v) { entrypoint = v; return this; }
  public ContainerSpecBuilder user(Optional<String> v) { user = v; return this; }
  public ContainerSpecBuilder workdir(Optional<String> v) { workdir = v; return this; }
  public ContainerSpecBuilder hostname(Optional<String> v) { hostname = v; return this; }
  public ContainerSpecBuilder labels(Map<String, String> v) { labels = v; return this; }
  public ContainerSpecBuilder restart(RestartPolicy v) { restart = v; return this; }
  public ContainerSpecBuilder stopTimeout(Optional<Duration> v) { stopTimeout = v; return this; }
  public ContainerSpecBuilder lanAccess(boolean v) { lanAccess = v; return this; }
  public ContainerSpecBuilder update(UpdatePolicy v) { update = v; return this; }

  public ContainerSpec build() {
    return new ContainerSpec(name, image, pull, network, aliases, ports, volumes, capAdd, capDrop,
        devices, privileged, envFiles, env, health, dependsOn, requiresUnits, memoryBytes, cpus,
        command, entrypoint, user, workdir, hostname, labels, restart, stopTimeout, lanAccess, update);
  }
}
