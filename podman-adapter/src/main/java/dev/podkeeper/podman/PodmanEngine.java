package dev.podkeeper.podman;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.podkeeper.model.SecretMask;
import dev.podkeeper.model.desired.NetworkSpec;
import dev.podkeeper.model.observed.ContainerProcess;
import dev.podkeeper.model.observed.ContainerDetails;
import dev.podkeeper.model.observed.HealthStatus;
import dev.podkeeper.model.observed.ImageDefaults;
import dev.podkeeper.model.observed.ObservedContainer;
import dev.podkeeper.model.observed.ObservedNetwork;
import dev.podkeeper.model.port.ContainerEngine;
import dev.podkeeper.model.port.EngineEventListener;
import dev.podkeeper.model.port.EngineException;
import dev.podkeeper.model.port.LocalImage;
import dev.podkeeper.model.port.ResolvedContainer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;

/**
 * {@link ContainerEngine} over Podman's API socket, with docker-java (Apache HttpClient 5 transport). The
 * Docker-compatible API does the writes; Podman's own API fills what the compatible one lacks (see
 * {@link LibpodClient}). Thread-safe. See this module's README for what Podman actually returns.
 */
public final class PodmanEngine implements ContainerEngine, AutoCloseable {
  private final String socket;
  private final URI uri;
  private final AtomicLong calls = new AtomicLong();
  private final DockerClientConfig config;
  private final DockerClient docker;
  /**
   * Pulls on a client of their own, whose deadline is the pull's ({@link PodmanTimeouts#pull}), made on the first
   * pull ({@link #pulls()}): most runs pull nothing, and each HTTP client costs a start some 10 ms of CPU.
   */
  private DockerClient pulls;
  private boolean closed;
  private final DeadlineHttpClient deadlines;
  private final ScheduledExecutorService deadlineTimer = deadlineTimer();
  private final LibpodClient libpod;
  private final EngineErrors errors;
  private final PodmanTimeouts timeouts;
  private final ObjectMapper json = new ObjectMapper();
  private final OomKills oomKills;
  private final NetworkNamespaces namespaces;
  private final RepeatedEntries<ObservedContainer> lastList = new RepeatedEntries<>(ObservedContainer::id);

  /** @param socket e.g. {@code unix:///run/podman/podman.sock} (see {@link PodmanSocket#resolve}) */
  public PodmanEngine(String socket) {
    this(socket, PodmanTimeouts.DEFAULT);
  }

  /** Network namespaces read on this host's {@code /proc} where it sees the engine's processes. */
  public PodmanEngine(String socket, PodmanTimeouts timeouts) {
    this(socket, timeouts, HostNamespaces.PROC);
  }

  public PodmanEngine(String socket, PodmanTimeouts timeouts, HostNamespaces host) {
    this.socket = requireNonNull(socket, "socket is null");
    this.timeouts = requireNonNull(timeouts, "timeouts is null");
    this.uri = URI.create(socket);
    this.config = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(socket)
        .withDockerTlsVerify(false)
        .build();
    this.deadlines = new DeadlineHttpClient(httpClient(uri, timeouts.call()), timeouts.call(), deadlineTimer);
    DockerHttpClient http = new CountingHttpClient(deadlines, calls);
    this.docker = DockerClientImpl.getInstance(config, http);
    this.libpod = new LibpodClient(http, json);
    this.errors = new EngineErrors(socket);
    this.oomKills = new OomKills(libpod::inspectContainer);
    this.namespaces = new NetworkNamespaces(requireNonNull(host, "host is null"),
        ids -> libpod.listContainers(ids, ContainerListParser::container));
  }

  public String socket() {
    return socket;
  }

  @Override
  public List<ObservedContainer> listContainers() {
    try {
      RepeatedEntries<ObservedContainer>.Listing repeated = lastList.begin();
      List<ContainerListParser.Listed> listed = libpod.listContainers(entry -> {
        ContainerListParser.Listed parsed = ContainerListParser.listed(entry);
        return new ContainerListParser.Listed(repeated.same(parsed.container()), parsed.exitKey());
      });
      repeated.done();
      return namespaces.fill(oomKills.flag(listed));
    } catch (RuntimeException e) {
      throw errors.failed("list", "containers", e);
    }
  }

  /**
   * One inspect: all of a container (the OOM flag of its last run included, which the list lacks). A running
   * one's network namespace, which the inspect does not say, is read on the host ({@link NetworkNamespaces});
   * only where the host cannot vouch for it is it asked of the engine's list, filtered to that ID (a second call).
   */
  @Override
  public Optional<ObservedContainer> inspectContainer(String id) {
    try {
      ObservedContainer inspected = ContainerListParser.inspected(libpod.inspectContainer(id));
      return inspected.pid().isEmpty() ? Optional.of(inspected) : namespaces.fillOne(inspected);
    } catch (LibpodClient.LibpodException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw errors.failed("inspect", "container " + id, e);
    } catch (RuntimeException e) {
      throw errors.failed("inspect", "container " + id, e);
    }
  }

  @Override
  public List<ObservedNetwork> listNetworks() {
    try {
      JsonNode list = libpod.listNetworks();
      return StreamSupport.stream(list.spliterator(), false)
          .map(n -> new ObservedNetwork(n.path("id").asText(), n.path("name").asText(), ContainerListParser.labels(n.get("labels"))))
          .toList();
    } catch (RuntimeException e) {
      throw errors.failed("list", "networks", e);
    }
  }

  @Override
  public String createNetwork(NetworkSpec spec, Map<String, String> labels) {
    // libpod's create, not the compatible one: only it takes dns_enabled (the compatible one always enables DNS).
    ObjectNode body = json.createObjectNode()
        .put("name", spec.name())
        .put("driver", "bridge")
        .put("dns_enabled", spec.dns());
    body.set("labels", json.valueToTree(labels));
    spec.subnet().ifPresent(subnet -> {
      ObjectNode s = json.createObjectNode().put("subnet", subnet);
      spec.gateway().ifPresent(g -> s.put("gateway", g));
      ArrayNode subnets = body.putArray("subnets");
      subnets.add(s);
    });
    try {
      return libpod.createNetwork(body).path("id").asText();
    } catch (RuntimeException e) {
      throw errors.failed("create network", spec.name(), e);
    }
  }

  @Override
  public void removeNetwork(String nameOrId) {
    try {
      docker.removeNetworkCmd(nameOrId).exec();
    } catch (RuntimeException e) {
      String hint = EngineErrors.engineWords(e).contains("associated containers")
          ? "remove the containers attached to it first" : "";
      throw errors.failed("remove network", nameOrId, e, hint);
    }
  }

  /**
   * Podman's own exists call: an answer without a body, where the full inspect (asked before every create)
   * had Podman describe the image and docker-java bind it, for a yes or no.
   */
  @Override
  public boolean imageExists(String image) {
    try {
      libpod.imageExists(image);
      return true;
    } catch (LibpodClient.LibpodException e) {
      if (e.status() == 404) {
        return false;
      }
      throw errors.failed("inspect image", image, e);
    } catch (RuntimeException e) {
      throw errors.failed("inspect image", image, e);
    }
  }

  @Override
  public Optional<LocalImage> inspectImage(String nameOrId) {
    try {
      InspectImageResponse image = docker.inspectImageCmd(nameOrId).exec();
      return Optional.of(new LocalImage(image.getId(), digestsOf(image.getRepoDigests())));
    } catch (NotFoundException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw errors.failed("inspect image", nameOrId, e);
    }
  }

  @Override
  public Optional<LocalImage> containerImage(String containerId) {
    String imageId;
    try {
      imageId = docker.inspectContainerCmd(containerId).exec().getImageId();
    } catch (NotFoundException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw errors.failed("inspect container", containerId, e);
    }
    return imageId == null ? Optional.empty() : inspectImage(imageId);
  }

  /** {@code name@sha256:...} → {@code sha256:...}: Podman lists every name with every digest of the image. */
  private static java.util.Set<String> digestsOf(List<String> repoDigests) {
    return repoDigests == null ? java.util.Set.of() : repoDigests.stream()
        .map(d -> d.substring(d.indexOf('@') + 1)).filter(d -> d.startsWith("sha256:"))
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  @Override
  public void tagImage(String source, String target) {
    int colon = target.lastIndexOf(':');
    if (colon <= target.lastIndexOf('/')) {
      throw new IllegalArgumentException("tag image " + source + ": " + target + " is not repository:tag");
    }
    try {
      docker.tagImageCmd(source, target.substring(0, colon), target.substring(colon + 1)).exec();
    } catch (RuntimeException e) {
      throw errors.failed("tag image", source + " as " + target, e);
    }
  }

  /** Bounded as a whole ({@link PodmanTimeouts#pull}): a registry that trickles keeps the stream alive. */
  @Override
  public void pullImage(String image) {
    PullProgress progress = new PullProgress();
    boolean done;
    try {
      // The pull client's deadline ends the stream; waiting a little longer lets its own error come first.
      long wait = timeouts.pull().plusSeconds(5).toMillis();
      done = pulls().pullImageCmd(image).exec(progress).awaitCompletion(wait, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException("pull image " + image + ": interrupted", e);
    } catch (RuntimeException e) {
      if (EngineErrors.timeout(e).isEmpty()) {
        throw errors.failed("pull image", image, e);
      }
      done = false;
    }
    if (!done) {
      closeQuietly(progress);
      throw new EngineException("pull image " + image + ": not done within " + minutesOrSeconds(timeouts.pull())
          + "; the registry may be slow or stuck: check that it is reachable from this host (`podman pull "
          + image + "` shows the progress); the next pass tries again");
    }
    if (progress.error() != null) {
      throw new EngineException("pull image " + image + ": Podman says: " + progress.error()
          + "; check the image name and that its registry is reachable from this host",
          EngineErrors.kindOf("pull image", 0, progress.error()), null);
    }
  }

  @Override
  public String createContainer(ResolvedContainer container) {
    ObjectNode body = ContainerCreation.body(container);
    JsonNode created;
    try {
      created = libpod.createContainerCompat(container.name(), body);
    } catch (LibpodClient.LibpodException e) {
      // The engine may echo what it was given; env values can be secrets, so they are masked and the
      // original exception (whose text is unmasked) is not attached.
      String words = new SecretMask(container.env().values()).mask(e.getMessage());
      throw new EngineException("create container " + container.name() + ": Podman says: " + words
          + createHint(words), EngineErrors.kindOf("create container", e.status(), words), null);
    } catch (RuntimeException e) {
      // No answer (a timeout, a lost connection, an answer that is not JSON): nothing of the request is in it.
      throw errors.failed("create container", container.name(), e);
    }
    String id = created.path("Id").asText();
    if (id.isEmpty()) {
      throw new EngineException("create container " + container.name() + ": Podman's answer has no container ID");
    }
    return id;
  }

  @Override
  public void startContainer(String id) {
    try {
      libpod.startContainerCompat(id);
    } catch (LibpodClient.LibpodException e) {
      if (e.status() != 304) { // 304: running already, which is what was asked
        throw errors.failed("start container", id, e);
      }
    } catch (RuntimeException e) {
      throw errors.failed("start container", id, e);
    }
  }

  @Override
  public void stopContainer(String id, Duration timeout) {
    try {
      // Podman answers once the container stopped, which may take its whole stop timeout.
      deadlines.allowing(timeout.plus(timeouts.call()),
          () -> docker.stopContainerCmd(id).withTimeout(ContainerCreation.ceilSeconds(timeout)).exec());
    } catch (NotModifiedException alreadyStopped) {
      // idempotent
    } catch (RuntimeException e) {
      throw errors.failed("stop container", id, e);
    }
  }

  @Override
  public void removeContainer(String id) {
    try {
      try {
        docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(false).exec();
      } catch (RuntimeException e) {
        if (!EngineErrors.lostARaceWithAnExit(EngineErrors.engineWords(e))) {
          throw e;
        }
        // Podman 4.3 sends SIGKILL to a container its state still says runs when the process has just exited;
        // the container is stopped by then, and a second removal finds it so.
        docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(false).exec();
      }
    } catch (RuntimeException e) {
      String hint = EngineErrors.engineWords(e).contains("dependent containers")
          ? "other containers joined its network namespace (network: container:...); remove them first, then it"
          : "";
      throw errors.failed("remove container", id, e, hint);
    }
  }

  @Override
  public HealthStatus runHealthCheck(String id) {
    try {
      return ContainerListParser.health(libpod.runHealthCheck(id).path("Status").asText(""));
    } catch (LibpodClient.LibpodException e) {
      if (e.status() == 409 && e.getMessage().contains("no defined healthcheck")) {
        return HealthStatus.NONE;
      }
      throw errors.failed("health check", id, e);
    } catch (RuntimeException e) {
      throw errors.failed("health check", id, e);
    }
  }

  /** Podman's own inspect: the compatible one has no {@code ConmonPid}. Both are absent or 0 when not running. */
  @Override
  public ContainerProcess inspectProcess(String id) {
    try {
      JsonNode state = libpod.inspectContainer(id).path("State");
      long pid = state.path("Pid").asLong(0);
      return pid > 0 ? new ContainerProcess(pid, state.path("ConmonPid").asLong(0)) : ContainerProcess.NOT_RUNNING;
    } catch (RuntimeException e) {
      throw errors.failed("inspect container", id, e);
    }
  }

  /** The compatible logs call; its frames come from both streams, as conmon wrote them to the log. */
  @Override
  public List<String> logTail(String id, int lines) {
    LogTail tail = new LogTail(lines);
    try {
      boolean done = docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withTail(lines).exec(tail)
          .awaitCompletion(timeouts.call().toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        closeQuietly(tail);
        throw new EngineException("logs of container " + id + ": not read within " + timeouts.call().toSeconds()
            + " s; the engine may be busy: `podman logs --tail " + lines + " " + id + "` shows them");
      }
      if (tail.error() != null) {
        throw tail.error();
      }
      return tail.lines();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException("logs of container " + id + ": interrupted", e);
    } catch (EngineException e) {
      throw e;
    } catch (RuntimeException e) {
      throw errors.failed("logs of container", id, e);
    }
  }

  @Override
  public ContainerDetails containerDetails(String idOrName) {
    try {
      return InspectParser.container(libpod.inspectContainerCompat(idOrName));
    } catch (RuntimeException e) {
      throw errors.failed("inspect container", idOrName, e);
    }
  }

  @Override
  public ImageDefaults imageDefaults(String image) {
    try {
      return InspectParser.image(libpod.inspectImageCompat(image));
    } catch (RuntimeException e) {
      throw errors.failed("inspect image", image, e);
    }
  }

  @Override
  public NetworkSpec inspectNetwork(String nameOrId) {
    try {
      return InspectParser.network(libpod.inspectNetwork(nameOrId));
    } catch (RuntimeException e) {
      throw errors.failed("inspect network", nameOrId, e);
    }
  }

  /**
   * Container and network events on a client of their own, with no response timeout: docker-java's
   * response timeout applies to an event stream as well (docker-java #482) and would cut it off.
   */
  @Override
  public AutoCloseable subscribeEvents(EngineEventListener listener) {
    DockerHttpClient http = new CountingHttpClient(httpClient(uri, null), calls);
    return EventStream.open(http, json, listener, socket, timeouts.subscribe());
  }

  @Override
  public long callCount() {
    return calls.get();
  }

  @Override
  public void close() throws IOException {
    DockerClient pulling;
    synchronized (this) {
      closed = true;
      pulling = pulls;
    }
    try {
      docker.close();
      if (pulling != null) {
        pulling.close();
      }
    } finally {
      deadlineTimer.shutdownNow();
    }
  }

  private synchronized DockerClient pulls() {
    if (closed) {
      throw new EngineException("the Podman client is closed");
    }
    if (pulls == null) {
      pulls = DockerClientImpl.getInstance(config, new CountingHttpClient(
          new DeadlineHttpClient(httpClient(uri, timeouts.pull()), timeouts.pull(), deadlineTimer), calls));
    }
    return pulls;
  }

  private static ScheduledExecutorService deadlineTimer() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, "podman-call-deadlines");
      thread.setDaemon(true);
      return thread;
    });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  static String minutesOrSeconds(Duration d) {
    return d.toSeconds() >= 120 && d.toSecondsPart() == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException | RuntimeException ignored) {
      // giving up on it anyway
    }
  }

  private static DockerHttpClient httpClient(URI uri, Duration responseTimeout) {
    ApacheDockerHttpClient.Builder builder = new ApacheDockerHttpClient.Builder()
        .dockerHost(uri)
        .maxConnections(32)
        .connectionTimeout(Duration.ofSeconds(10));
    if ("unix".equals(uri.getScheme())) {
      builder.sslConfig(NoTlsContext.config());
    }
    if (responseTimeout != null) {
      builder.responseTimeout(responseTimeout);
    }
    return builder.build();
  }

  private static String createHint(String words) {
    if (words.contains("already in use")) {
      return "; another container has this name: remove or rename it (podkeeper never touches containers it "
          + "did not create)";
    }
    if (words.contains("image not known") || words.contains("no such image")) {
      return "; pull the image first (pull: missing or always)";
    }
    return "";
  }
}
