package dev.podkeeper.model.desired;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One container as the file declares it, with defaults filled in (pull, restart) but before env
 * files and {@code defaults.env} are merged: that needs the host (secret files) and happens in
 * {@link dev.podkeeper.model.port.ResolvedContainer}.
 *
 * <p>Wide on purpose: every key of the format has exactly one field here. Build with {@link #builder}.
 */
public record ContainerSpec(
    String name,
    String image,
    PullPolicy pull,
    NetworkAttachment network,
    List<String> aliases,
    List<PortMapping> ports,
    List<VolumeMount> volumes,
    List<String> capAdd,
    List<String> capDrop,
    List<DeviceMapping> devices,
    boolean privileged,
    List<String> envFiles,
    Map<String, String> env,
    Optional<HealthCheck> health,
    List<String> dependsOn,
    List<String> requiresUnits,
    Optional<Long> memoryBytes,
    Optional<Double> cpus,
    Optional<List<String>> command,
    Optional<List<String>> entrypoint,
    Optional<String> user,
    Optional<String> workdir,
    Optional<String> hostname,
    Map<String, String> labels,
    RestartPolicy restart,
    Optional<Duration> stopTimeout,
    boolean lanAccess,
    UpdatePolicy update) {

  public ContainerSpec {
    requireNonNull(name, "name is null");
    requireNonNull(image, "image is null");
    requireNonNull(pull, "pull is null");
    requireNonNull(network, "network is null");
    aliases = List.copyOf(aliases);
    ports = List.copyOf(ports);
    volumes = List.copyOf(volumes);
    capAdd = List.copyOf(capAdd);
    capDrop = List.copyOf(capDrop);
    devices = List.copyOf(devices);
    envFiles = List.copyOf(envFiles);
    env = Collections2.orderedCopy(env);
    requireNonNull(health, "health is null");
    dependsOn = List.copyOf(dependsOn);
    requiresUnits = List.copyOf(requiresUnits);
    requireNonNull(memoryBytes, "memoryBytes is null");
    requireNonNull(cpus, "cpus is null");
    command = command.map(List::copyOf);
    entrypoint = entrypoint.map(List::copyOf);
    requireNonNull(user, "user is null");
    requireNonNull(workdir, "workdir is null");
    requireNonNull(hostname, "hostname is null");
    labels = Collections2.orderedCopy(labels);
    requireNonNull(restart, "restart is null");
    requireNonNull(stopTimeout, "stopTimeout is null");
    requireNonNull(update, "update is null");
  }

  /** The container whose network namespace this one joins, if any. */
  public Optional<String> namespaceProvider() {
    return network instanceof NetworkAttachment.ContainerNamespace ns
        ? Optional.of(ns.provider())
        : Optional.empty();
  }

  public static ContainerSpecBuilder builder(String name, String image, NetworkAttachment network) {
    return new ContainerSpecBuilder(name, image, network);
  }

  public ContainerSpecBuilder toBuilder() {
    return ContainerSpecBuilder.from(this);
  }
}
