package dev.podkeeper.model.observed;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.model.Labels;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One container as the engine reports it.
 *
 * @param startedAt when it last started; empty if never
 * @param namespaceProviderId the full ID of the container whose network namespace it joined, if any
 * @param networkNamespace an identifier of the network namespace it runs in now (e.g. {@code net:[4026532]});
 *     empty when not running or not reported. An engine's list reports it at least for the namespace members
 *     that run and for their providers; two containers sharing a namespace report the same value.
 * @param exitCode how its last run ended, while it is exited; empty while it runs or before it first ran
 * @param oomKilled the engine says the kernel's OOM killer ended its last run
 * @param pid the host process ID of its main process while it runs; empty when it does not run or the engine
 *     did not say
 */
public record ObservedContainer(
    String id,
    String name,
    String image,
    Map<String, String> labels,
    ContainerStatus status,
    HealthStatus health,
    Optional<Instant> startedAt,
    Optional<String> namespaceProviderId,
    Optional<String> networkNamespace,
    Optional<Integer> exitCode,
    boolean oomKilled,
    OptionalLong pid) {

  public ObservedContainer {
    requireNonNull(id, "id is null");
    requireNonNull(name, "name is null");
    requireNonNull(image, "image is null");
    labels = Map.copyOf(labels);
    requireNonNull(status, "status is null");
    requireNonNull(health, "health is null");
    requireNonNull(startedAt, "startedAt is null");
    requireNonNull(namespaceProviderId, "namespaceProviderId is null");
    requireNonNull(networkNamespace, "networkNamespace is null");
    requireNonNull(exitCode, "exitCode is null");
    if (oomKilled && exitCode.isEmpty()) {
      throw new IllegalArgumentException(name + " is OOM-killed without an exit code");
    }
    requireNonNull(pid, "pid is null");
  }

  /** A container whose main process the engine did not name. */
  public ObservedContainer(String id, String name, String image, Map<String, String> labels, ContainerStatus status,
      HealthStatus health, Optional<Instant> startedAt, Optional<String> namespaceProviderId,
      Optional<String> networkNamespace, Optional<Integer> exitCode, boolean oomKilled) {
    this(id, name, image, labels, status, health, startedAt, namespaceProviderId, networkNamespace, exitCode,
        oomKilled, OptionalLong.empty());
  }

  /** A container whose last run's end is not known (it runs, or never ran). */
  public ObservedContainer(String id, String name, String image, Map<String, String> labels, ContainerStatus status,
      HealthStatus health, Optional<Instant> startedAt, Optional<String> namespaceProviderId,
      Optional<String> networkNamespace) {
    this(id, name, image, labels, status, health, startedAt, namespaceProviderId, networkNamespace, Optional.empty(),
        false);
  }

  /** The same container with how its last run ended. */
  public ObservedContainer withExit(Optional<Integer> code, boolean oom) {
    return new ObservedContainer(id, name, image, labels, status, health, startedAt, namespaceProviderId,
        networkNamespace, code, oom, pid);
  }

  /** The same container, joined to the namespace of {@code providerId} (which only an inspect may say). */
  public ObservedContainer withNamespaceProvider(Optional<String> providerId) {
    return new ObservedContainer(id, name, image, labels, status, health, startedAt, providerId, networkNamespace,
        exitCode, oomKilled, pid);
  }

  /** The same container in the network namespace {@code namespace} (which only some engine calls say). */
  public ObservedContainer withNetworkNamespace(Optional<String> namespace) {
    return new ObservedContainer(id, name, image, labels, status, health, startedAt, namespaceProviderId, namespace,
        exitCode, oomKilled, pid);
  }

  /**
   * The same container once the host saw its main process end, before the engine has said how: exited, with
   * neither an exit code nor a namespace, health or process.
   */
  public ObservedContainer withProcessEnded() {
    return new ObservedContainer(id, name, image, labels, ContainerStatus.EXITED, HealthStatus.NONE, startedAt,
        namespaceProviderId, Optional.empty(), Optional.empty(), false, OptionalLong.empty());
  }

  /** True when this container carries the stack label of {@code stack}. */
  public boolean managedBy(String stack) {
    return stack.equals(labels.get(Labels.STACK));
  }

  public Optional<String> specHash() {
    return Optional.ofNullable(labels.get(Labels.SPEC_HASH));
  }

  public boolean running() {
    return status == ContainerStatus.RUNNING;
  }
}
