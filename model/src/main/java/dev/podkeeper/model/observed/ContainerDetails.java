package dev.podkeeper.model.observed;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.model.desired.DeviceMapping;
import dev.podkeeper.model.desired.HealthCheck;
import dev.podkeeper.model.desired.PortMapping;
import dev.podkeeper.model.desired.RestartPolicy;
import dev.podkeeper.model.desired.VolumeMount;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One container as the engine's full inspect describes it, in the file's own terms: what {@code import engine}
 * turns back into a desired-state entry. Values are the engine's, defaults included (the image's command and
 * env, the engine's own env entries, its hostname): telling those from what the user chose is the importer's job.
 *
 * @param image the image reference as it was written at create time, not the resolved ID
 * @param namespaceProviderId the full ID of the container whose network namespace it joined, if any
 * @param networks the bridge networks it is attached to, by name (empty for a namespace member)
 * @param aliases its extra DNS names on those networks, as the engine lists them (its short ID among them)
 * @param env every variable of its environment: the image's, the engine's and its own
 * @param command the command it runs (the image's when none was given)
 * @param entrypoint its entrypoint (the image's when none was given); empty when there is none
 * @param user the user it runs as; empty for the image's
 * @param stopTimeout how long a stop waits before the kill, when the engine reports it
 */
public record ContainerDetails(
    String id,
    String name,
    String image,
    Map<String, String> labels,
    Optional<String> namespaceProviderId,
    List<String> networks,
    List<String> aliases,
    List<PortMapping> ports,
    List<VolumeMount> volumes,
    Map<String, String> env,
    Optional<HealthCheck> health,
    RestartPolicy restart,
    Optional<Long> memoryBytes,
    Optional<Double> cpus,
    List<String> capAdd,
    List<String> capDrop,
    List<DeviceMapping> devices,
    boolean privileged,
    List<String> command,
    List<String> entrypoint,
    String user,
    String workdir,
    String hostname,
    Optional<Duration> stopTimeout) {

  public ContainerDetails {
    requireNonNull(id, "id is null");
    requireNonNull(name, "name is null");
    requireNonNull(image, "image is null");
    labels = Map.copyOf(labels);
    requireNonNull(namespaceProviderId, "namespaceProviderId is null");
    networks = List.copyOf(networks);
    aliases = List.copyOf(aliases);
    ports = List.copyOf(ports);
    volumes = List.copyOf(volumes);
    env = Map.copyOf(env);
    requireNonNull(health, "health is null");
    requireNonNull(restart, "restart is null");
    requireNonNull(memoryBytes, "memoryBytes is null");
    requireNonNull(cpus, "cpus is null");
    capAdd = List.copyOf(capAdd);
    capDrop = List.copyOf(capDrop);
    devices = List.copyOf(devices);
    command = List.copyOf(command);
    entrypoint = List.copyOf(entrypoint);
    requireNonNull(user, "user is null");
    requireNonNull(workdir, "workdir is null");
    requireNonNull(hostname, "hostname is null");
    requireNonNull(stopTimeout, "stopTimeout is null");
  }

  @Override
  public String toString() {
    // The env may hold secrets; a record's default toString would print them.
    return "ContainerDetails[" + name + ", " + id + "]";
  }
}
