package dev.podkeeper.model.port;

import dev.podkeeper.model.desired.NetworkSpec;
import dev.podkeeper.model.observed.ContainerProcess;
import dev.podkeeper.model.observed.ContainerDetails;
import dev.podkeeper.model.observed.HealthStatus;
import dev.podkeeper.model.observed.ImageDefaults;
import dev.podkeeper.model.observed.ObservedContainer;
import dev.podkeeper.model.observed.ObservedNetwork;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The container engine, as reconcile needs it. Implemented over the Podman socket by the podman adapter
 * and in memory by {@code FakeContainerEngine} (model test-jar); both pass {@code ContainerEngineContract}.
 *
 * <p>Every method throws {@link EngineException} when the engine refuses or cannot be reached; the
 * message names the operation and object and quotes the engine's own words.
 */
public interface ContainerEngine {

  /** All containers (managed or not), in one list call: names and labels are needed to find clashes. */
  List<ObservedContainer> listContainers();

  /** All networks (managed or not), in one list call. */
  List<ObservedNetwork> listNetworks();

  /** Creates a bridge network carrying {@code labels}; returns its ID. */
  String createNetwork(NetworkSpec spec, Map<String, String> labels);

  void removeNetwork(String nameOrId);

  /** True if the image is in the engine's local store. */
  boolean imageExists(String image);

  /** The image in the local store under this name or ID; empty when there is none. */
  Optional<LocalImage> inspectImage(String nameOrId);

  /** The image a container was created on (by ID, so also after its name moved on); empty without the container. */
  Optional<LocalImage> containerImage(String containerId);

  /** Pulls an image from its registry. */
  void pullImage(String image);

  /**
   * Names an image of the local store ({@code source}: a name or ID) also {@code target} ({@code repository:tag}),
   * moving {@code target} off any image it named before, as {@code podman tag} does.
   */
  void tagImage(String source, String target);

  /**
   * Creates (does not start) a container exactly as resolved: name, image, network or namespace, ports,
   * volumes, env, limits, health check, labels (including the podkeeper labels). Returns its full ID.
   */
  String createContainer(ResolvedContainer container);

  void startContainer(String id);

  /** Stops a container, waiting at most {@code timeout} before the engine kills it. */
  void stopContainer(String id, Duration timeout);

  /** Removes a container (forcibly, if running). Never removes volumes. */
  void removeContainer(String id);

  /**
   * Runs a container's health check once now and returns the result. Podman schedules health checks
   * with systemd timers, so on a host without systemd as PID 1 they never run by themselves; waiting
   * for health therefore asks for a run. The default reads the status the engine already has.
   */
  default HealthStatus runHealthCheck(String id) {
    return listContainers().stream().filter(c -> c.id().equals(id)).findFirst()
        .map(ObservedContainer::health)
        .orElseThrow(() -> new EngineException("health check " + id + ": no such container"));
  }

  /** The container's host processes (one inspect call): for {@code doctor}, which looks at them on the host. */
  ContainerProcess inspectProcess(String id);

  /**
   * The last {@code lines} lines the container wrote to stdout and stderr (each stream in the order written; the
   * engine interleaves the two as it read them, which need not be the order written), each cut to
   * {@link #LOG_LINE_LIMIT} characters: for {@code doctor}, to show why a container keeps exiting.
   */
  List<String> logTail(String id, int lines);

  /** The longest log line {@link #logTail} returns, so that a program that writes no newlines cannot flood. */
  int LOG_LINE_LIMIT = 500;
  // ---- full inspects: one call each, for import and adoption; reconcile passes use the lists above ----

  /** Everything the engine says about one container (managed or not), by ID or name. */
  ContainerDetails containerDetails(String idOrName);

  /** The defaults an image gives its containers (command, entrypoint, env, user, workdir, labels, health). */
  ImageDefaults imageDefaults(String image);

  /** A network's shape (subnet, gateway, DNS), by name or ID, as {@link #createNetwork} takes it. */
  NetworkSpec inspectNetwork(String nameOrId);

  /**
   * One container, as {@link #listContainers} would report it, looked up on its own; empty when it is gone.
   * The agent verifies so only what engine events touched, instead of listing everything again. The default
   * lists everything (one call).
   */
  default Optional<ObservedContainer> inspectContainer(String id) {
    return listContainers().stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /** Streams engine events until the returned handle is closed; errors end the stream and are reported once. */
  AutoCloseable subscribeEvents(EngineEventListener listener);

  /** Engine calls made so far, for the benchmark that checks a converged pass costs a constant number. */
  long callCount();
}
