package dev.podkeeper.model.testing;

import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.NetworkAttachment;
import dev.podkeeper.model.desired.NetworkSpec;
import dev.podkeeper.model.observed.ContainerProcess;
import dev.podkeeper.model.observed.ContainerDetails;
import dev.podkeeper.model.observed.ContainerStatus;
import dev.podkeeper.model.observed.HealthStatus;
import dev.podkeeper.model.observed.ImageDefaults;
import dev.podkeeper.model.observed.ObservedContainer;
import dev.podkeeper.model.observed.ObservedNetwork;
import dev.podkeeper.model.port.ContainerEngine;
import dev.podkeeper.model.port.EngineEvent;
import dev.podkeeper.model.port.EngineEventListener;
import dev.podkeeper.model.port.EngineException;
import dev.podkeeper.model.port.LocalImage;
import dev.podkeeper.model.port.ResolvedContainer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory engine that behaves like Podman where reconcile can tell: IDs, labels, states,
 * start times, and network namespaces, including the dead namespace a member keeps when its provider
 * restarts, and how a run ended (exit code, OOM kill). Passes {@link ContainerEngineContract}. Thread-safe
 * (one lock), since the executor runs branches in parallel.
 *
 * <p>It runs no processes. A stop ends a run with 0 (as the test image's PID 1, which traps SIGTERM), a kill
 * with 137. A container whose command is {@code sh -c "echo TEXT; echo TEXT >&2; exit N"} (any number of
 * echoes, to its log, then an optional exit) "runs" that script at its start; any other command runs until
 * stopped. Processes get made-up PIDs (a container's and its conmon's) for as long as they run.
 */
public final class FakeContainerEngine implements ContainerEngine {
  /** The label the podman adapter puts on a namespace member ({@code PodmanLabels.PROVIDER_ID}). */
  static final String PROVIDER_ID_LABEL = "dev.podkeeper.provider-id";
  /** 128 + SIGKILL. */
  private static final int KILLED = 137;

  private final Clock clock;
  private final Map<String, FakeContainer> containers = new LinkedHashMap<>();
  private final Map<String, ObservedNetwork> networks = new LinkedHashMap<>();
  private final Map<String, LocalImage> images = new HashMap<>();
  /** Every image ever in the store, by ID: one no name names any more stays, as a dangling image does. */
  private final Map<String, LocalImage> imagesById = new HashMap<>();
  private final Map<String, ImageDefaults> imageDefaults = new HashMap<>();
  private final Map<String, NetworkSpec> networkSpecs = new LinkedHashMap<>();
  private final Set<String> failingHealth = new HashSet<>();
  private final Map<String, LocalImage> published = new HashMap<>();
  private final Set<String> crashingImages = new HashSet<>();
  private final Set<String> unhealthyImages = new HashSet<>();
  private final List<EngineEventListener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong calls = new AtomicLong();
  private long nextId = 1;
  private long nextNamespace = 4026532000L;
  private long nextPid = 40_000;
  private boolean down;

  public FakeContainerEngine(Clock clock) {
    this.clock = clock;
  }

  public FakeContainerEngine() {
    this(Clock.systemUTC());
  }

  /** Makes an image present locally, as `podman import` would. */
  public synchronized FakeContainerEngine withImage(String image) {
    return withImage(image, "sha256:" + Integer.toHexString(image.hashCode()), Set.of());
  }

  /** The name now names this image (as a pull or a tag does); containers made before keep theirs. */
  public synchronized FakeContainerEngine withImage(String image, String id, Set<String> digests) {
    LocalImage local = new LocalImage(id, digests);
    images.put(image, local);
    imagesById.put(id, local);
    imageDefaults.putIfAbsent(image, ImageDefaults.NONE);
    return this;
  }

  /** Makes an image present with the command, env, user ... it gives its containers. */
  public synchronized FakeContainerEngine withImage(String image, ImageDefaults defaults) {
    withImage(image);
    imageDefaults.put(image, defaults);
    return this;
  }

  /** While down, every call fails as an unreachable socket would. */
  public synchronized void setDown(boolean down) {
    this.down = down;
  }

  @Override
  public synchronized List<ObservedContainer> listContainers() {
    call();
    return containers.values().stream().map(FakeContainer::observe).toList();
  }

  @Override
  public synchronized List<ObservedNetwork> listNetworks() {
    call();
    return List.copyOf(networks.values());
  }

  @Override
  public synchronized String createNetwork(NetworkSpec spec, Map<String, String> labels) {
    call();
    if (networks.values().stream().anyMatch(n -> n.name().equals(spec.name()))) {
      throw new EngineException("create network " + spec.name() + ": network name already in use");
    }
    String id = newId();
    networks.put(id, new ObservedNetwork(id, spec.name(), labels));
    networkSpecs.put(id, FakeInspect.asPodmanMadeIt(spec, networkSpecs.size()));
    // No event: Podman 4.3 emits none for network create/remove (only connect/disconnect, about a container).
    return id;
  }

  @Override
  public synchronized void removeNetwork(String nameOrId) {
    call();
    ObservedNetwork network = networks.values().stream()
        .filter(n -> n.id().equals(nameOrId) || n.name().equals(nameOrId))
        .findFirst()
        .orElseThrow(() -> new EngineException("remove network " + nameOrId + ": no such network"));
    boolean attached = containers.values().stream().anyMatch(c -> c.spec != null
        && c.spec.network() instanceof NetworkAttachment.Bridge b && b.network().equals(network.name()));
    if (attached) {
      throw new EngineException("remove network " + nameOrId + ": \"" + network.name() + "\" has associated "
          + "containers with it. Use -f to forcibly delete containers and pods: network is being used");
    }
    networks.remove(network.id());
    networkSpecs.remove(network.id());
  }

  @Override
  public synchronized boolean imageExists(String image) {
    call();
    return images.containsKey(image);
  }

  @Override
  public synchronized Optional<LocalImage> inspectImage(String nameOrId) {
    call();
    return Optional.ofNullable(images.get(nameOrId)).or(() -> Optional.ofNullable(imagesById.get(nameOrId)));
  }

  @Override
  public synchronized Optional<LocalImage> containerImage(String containerId) {
    call();
    return Optional.ofNullable(containers.get(containerId)).flatMap(c -> Optional.ofNullable(c.imageId))
        .map(imagesById::get);
  }

  /** What a pull of {@code image} fetches from now on, as a push to its registry would; none: pulls fail. */
  public synchronized FakeContainerEngine publish(String image, String id, Set<String> digests) {
    published.put(image, new LocalImage(id, digests));
    return this;
  }

  /** Containers created on this image (by ID) exit with code 1 as soon as they start, as a broken release would. */
  public synchronized void crashOnStart(String imageId) {
    crashingImages.add(imageId);
  }

  /** The health checks of containers created on this image (by ID) fail, as those of a broken release would. */
  public synchronized void failHealthChecksOn(String imageId) {
    unhealthyImages.add(imageId);
  }

  @Override
  public synchronized void pullImage(String image) {
    call();
    LocalImage pulled = published.get(image);
    if (pulled == null) {
      throw new EngineException("pull " + image + ": no registry is reachable from the fake engine");
    }
    images.put(image, pulled);
    imagesById.put(pulled.id(), pulled);
    imageDefaults.putIfAbsent(image, ImageDefaults.NONE);
    emit("image", "pull", pulled.id(), Map.of("name", image));
  }

  @Override
  public synchronized void tagImage(String source, String target) {
    call();
    LocalImage image = Optional.ofNullable(images.get(source)).or(() -> Optional.ofNullable(imagesById.get(source)))
        .orElseThrow(() -> new EngineException("tag image " + source + ": image not known"));
    images.put(target, image);
    imageDefaults.put(target, imageDefaults.getOrDefault(source, ImageDefaults.NONE));
    emit("image", "tag", image.id(), Map.of("name", target));
  }

  @Override
  public synchronized String createContainer(ResolvedContainer resolved) {
    call();
    String name = resolved.name();
    if (containers.values().stream().anyMatch(c -> c.name.equals(name))) {
      throw new EngineException("create container " + name + ": the name is already in use");
    }
    if (!images.containsKey(resolved.spec().image())) {
      throw new EngineException("create container " + name + ": image " + resolved.spec().image() + " not known");
    }
    resolved.providerId().ifPresent(p -> existing(p, "create container " + name + " in namespace of"));
    String id = newId();
    FakeContainer created = new FakeContainer(id, resolved, images.get(resolved.spec().image()).id(),
        imageDefaults.get(resolved.spec().image()));
    containers.put(id, created);
    emit(created, "create", Map.of());
    return id;
  }

  @Override
  public synchronized void startContainer(String id) {
    call();
    FakeContainer c = existing(id, "start container");
    if (c.status == ContainerStatus.RUNNING) {
      return;
    }
    if (c.providerId != null) {
      FakeContainer provider = existing(c.providerId, "start container " + c.name + ": provider");
      if (provider.status != ContainerStatus.RUNNING) {
        // Podman starts the containers a container depends on first.
        startContainer(provider.id);
      }
      c.namespace = provider.namespace;
    } else {
      c.namespace = "net:[" + nextNamespace++ + "]";
    }
    c.status = ContainerStatus.RUNNING;
    c.startedAt = clock.instant();
    c.health = c.spec.health().isPresent() ? HealthStatus.STARTING : HealthStatus.NONE;
    c.exitCode = null;
    c.oomKilled = false;
    c.conmonPid = nextPid++;
    c.pid = nextPid++;
    emit(c, "start", Map.of());
    Script.of(c.spec).ifPresent(script -> {
      c.log.addAll(script.output());
      script.exitCode().ifPresent(code -> exit(c, code, false, null));
    });
    if (c.status == ContainerStatus.RUNNING && crashingImages.contains(c.imageId)) {
      exit(c, 1, false, null);
    }
  }

  /** {@code sh -c "echo a; echo b >&2; exit N"}: the one kind of command the fake "runs". */
  private record Script(List<String> output, Optional<Integer> exitCode) {
    static Optional<Script> of(ContainerSpec spec) {
      List<String> command = spec == null ? List.of() : spec.command().orElse(List.of());
      if (command.size() != 3 || !command.get(0).equals("sh") || !command.get(1).equals("-c")) {
        return Optional.empty();
      }
      List<String> output = new ArrayList<>();
      Optional<Integer> exit = Optional.empty();
      for (String step : command.get(2).split(";")) {
        String s = step.strip();
        if (exit.isPresent()) {
          return Optional.empty();
        } else if (s.matches("exit \\d{1,3}")) {
          exit = Optional.of(Integer.parseInt(s.substring(5)));
        } else if (s.matches("echo [^>&|$`'\"]*( >&2)?")) {
          output.add(s.substring(5).replace(" >&2", ""));
        } else {
          return Optional.empty();
        }
      }
      return Optional.of(new Script(output, exit));
    }
  }

  @Override
  public synchronized void stopContainer(String id, Duration timeout) {
    call();
    FakeContainer c = existing(id, "stop container");
    if (c.status == ContainerStatus.RUNNING) {
      exit(c, 0, false, "stop");
    }
  }

  @Override
  public synchronized void removeContainer(String id) {
    call();
    FakeContainer c = existing(id, "remove container");
    List<String> members = containers.values().stream()
        .filter(m -> id.equals(m.providerId)).map(m -> m.name).toList();
    if (!members.isEmpty()) {
      throw new EngineException("remove container " + c.name + ": container has dependent containers which "
          + "must be removed before it: " + members);
    }
    if (c.status == ContainerStatus.RUNNING) {
      exit(c, KILLED, false, "kill");
    }
    containers.remove(id);
    emit(c, "remove", Map.of());
  }

  /** Passes unless {@link #failHealthChecksOf} was called for the container. */
  @Override
  public synchronized HealthStatus runHealthCheck(String id) {
    call();
    FakeContainer c = existing(id, "health check");
    if (c.health == HealthStatus.NONE) {
      return HealthStatus.NONE;
    }
    if (c.status != ContainerStatus.RUNNING) {
      throw new EngineException("health check " + c.name + ": container is not running");
    }
    boolean fails = failingHealth.contains(c.name) || unhealthyImages.contains(c.imageId);
    setHealth(c.name, fails ? HealthStatus.UNHEALTHY : HealthStatus.HEALTHY);
    return c.health;
  }

  @Override
  public synchronized ContainerProcess inspectProcess(String id) {
    call();
    FakeContainer c = existing(id, "inspect container");
    return c.status == ContainerStatus.RUNNING ? new ContainerProcess(c.pid, c.conmonPid) : ContainerProcess.NOT_RUNNING;
  }

  @Override
  public synchronized List<String> logTail(String id, int lines) {
    call();
    List<String> log = existing(id, "logs of container").log;
    return log.subList(Math.max(0, log.size() - lines), log.size()).stream()
        .map(line -> line.length() > LOG_LINE_LIMIT ? line.substring(0, LOG_LINE_LIMIT) : line).toList();
  }

  /** The container writes {@code line} to its log, as a service does while it runs. */
  public synchronized void writeLog(String name, String line) {
    byName(name).log.add(line);
  }

  @Override
  public synchronized ContainerDetails containerDetails(String idOrName) {
    call();
    FakeContainer c = existing(idOrName, "inspect container");
    if (c.details == null) {
      throw new EngineException("inspect container " + idOrName + ": the fake knows only its name and labels");
    }
    return c.details;
  }

  @Override
  public synchronized ImageDefaults imageDefaults(String image) {
    call();
    ImageDefaults defaults = imageDefaults.get(image);
    if (defaults == null) {
      throw new EngineException("inspect image " + image + ": image not known");
    }
    return defaults;
  }

  @Override
  public synchronized NetworkSpec inspectNetwork(String nameOrId) {
    call();
    return networks.values().stream().filter(n -> n.id().equals(nameOrId) || n.name().equals(nameOrId))
        .findFirst().map(n -> networkSpecs.get(n.id()))
        .orElseThrow(() -> new EngineException("inspect network " + nameOrId + ": no such network"));
  }

  /**
   * While down, a subscription fails at once, as a refused connection does. Events are emitted under this
   * engine's lock, and close removes the listener under it: once close returned, no event reaches it.
   */
  @Override
  public AutoCloseable subscribeEvents(EngineEventListener listener) {
    synchronized (this) {
      if (down) {
        throw new EngineException("subscribe to events: engine unreachable: connection refused");
      }
      listeners.add(listener);
    }
    return () -> {
      boolean removed;
      synchronized (this) {
        removed = listeners.remove(listener);
      }
      if (removed) {
        listener.onClosed(null);
      }
    };
  }

  @Override
  public long callCount() {
    return calls.get();
  }

  // ---- test controls: what the world does to containers behind podkeeper's back ----

  /** The process died (kill -9, crash): the container exits, as `podman kill` would. */
  public synchronized void kill(String name) {
    FakeContainer c = byName(name);
    if (c.status == ContainerStatus.RUNNING) {
      exit(c, KILLED, false, "kill");
    }
  }

  /** The process ended by itself with {@code code}, as a crashing service does. */
  public synchronized void exit(String name, int code) {
    FakeContainer c = byName(name);
    if (c.status == ContainerStatus.RUNNING) {
      exit(c, code, false, null);
    }
  }

  /** The kernel's OOM killer ended it (exit 137), as the engine reports when the memory limit is hit. */
  public synchronized void oomKill(String name) {
    FakeContainer c = byName(name);
    if (c.status == ContainerStatus.RUNNING) {
      exit(c, KILLED, true, null);
    }
  }

  /** `podman restart NAME`: stop and start again, with a new network namespace unless it joins another's. */
  public synchronized void restart(String name) {
    FakeContainer c = byName(name);
    if (c.status == ContainerStatus.RUNNING) {
      exit(c, 0, false, "restart");
    }
    startContainer(c.id);
  }

  /** Sets the health status, as the engine's health checker would, and emits health_status. */
  public synchronized void setHealth(String name, HealthStatus health) {
    FakeContainer c = byName(name);
    c.health = health;
    emit(c, "health_status", Map.of("health_status", health.name().toLowerCase(java.util.Locale.ROOT)));
  }

  /** From now on the container's health check fails, as a provider whose VPN is down would. */
  public synchronized void failHealthChecksOf(String name) {
    failingHealth.add(name);
  }

  /** Adds a container podkeeper did not create (no labels), e.g. to test name clashes. */
  public synchronized String addUnmanaged(String name, String image, Map<String, String> labels) {
    String id = newId();
    FakeContainer c = new FakeContainer(id, name, image, labels);
    containers.put(id, c);
    return id;
  }

  /**
   * Creates and starts a container by hand, as {@code podman run} would: exactly {@code spec}'s labels (none of
   * podkeeper's), the provider of a {@code container:} spec found by name.
   */
  public synchronized String runUnmanaged(ContainerSpec spec, Map<String, String> env) {
    ImageDefaults image = imageDefaults.get(spec.image());
    if (image == null) {
      throw new IllegalArgumentException("image " + spec.image() + " not known");
    }
    String id = newId();
    String providerId = spec.namespaceProvider().map(p -> byName(p).id).orElse(null);
    containers.put(id, new FakeContainer(id, spec, env, spec.labels(), providerId, null, images.get(spec.image()).id(), image));
    startContainer(id);
    return id;
  }

  public synchronized Optional<ObservedContainer> find(String name) {
    return containers.values().stream().filter(c -> c.name.equals(name)).findFirst().map(FakeContainer::observe);
  }

  /** The resolved spec a container was created from (the env included), for assertions. */
  public synchronized Optional<ResolvedContainer> createdFrom(String name) {
    return containers.values().stream().filter(c -> c.name.equals(name)).findFirst().map(c -> c.resolved);
  }

  /** @param action the command that ended the run, reported after "die"; null when the process ended by itself */
  private void exit(FakeContainer c, int code, boolean oom, String action) {
    c.status = ContainerStatus.EXITED;
    c.namespace = null;
    c.pid = 0;
    c.conmonPid = 0;
    c.exitCode = code;
    c.oomKilled = oom;
    // Podman keeps the last health result while a container is stopped; a start resets it to starting.
    // Podman reports the process's end as "die" first (with its exit code), then the command that caused it.
    emit(c, "die", Map.of("exitCode", String.valueOf(code)));
    if (action != null) {
      emit(c, action, Map.of());
    }
  }

  private FakeContainer byName(String name) {
    return containers.values().stream().filter(c -> c.name.equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no container " + name));
  }

  private FakeContainer existing(String id, String operation) {
    FakeContainer c = containers.get(id);
    if (c == null) {
      c = containers.values().stream().filter(x -> x.name.equals(id)).findFirst().orElse(null);
    }
    if (c == null) {
      throw new EngineException(operation + " " + id + ": no such container");
    }
    return c;
  }

  private void call() {
    calls.incrementAndGet();
    if (down) {
      throw new EngineException("engine unreachable: connection refused");
    }
  }

  private String newId() {
    return String.format("%064x", nextId++);
  }

  /** As Podman's container events: attributes hold the name, the image and the container's labels. */
  private void emit(FakeContainer c, String action, Map<String, String> extra) {
    Map<String, String> attributes = new LinkedHashMap<>(c.labels);
    attributes.put("name", c.name);
    attributes.put("image", c.image);
    attributes.putAll(extra);
    emit("container", action, c.id, attributes);
  }

  private void emit(String type, String action, String id, Map<String, String> attributes) {
    EngineEvent event = new EngineEvent(type, action, id, attributes, clock.instant());
    for (EngineEventListener l : new ArrayList<>(listeners)) {
      l.onEvent(event);
    }
  }

  private static final class FakeContainer {
    final String id;
    final String name;
    final String image;
    final String imageId;
    final Map<String, String> labels;
    final ResolvedContainer resolved;
    final ContainerSpec spec;
    final String providerId;
    /** What inspect says; null for a container known only by name and labels. */
    final ContainerDetails details;
    ContainerStatus status = ContainerStatus.CREATED;
    HealthStatus health = HealthStatus.NONE;
    Instant startedAt;
    String namespace;
    Integer exitCode;
    boolean oomKilled;
    long pid;
    long conmonPid;
    /** What it wrote, over all its runs, as Podman keeps a container's log until it is removed. */
    final List<String> log = new ArrayList<>();

    FakeContainer(String id, ResolvedContainer resolved, String imageId, ImageDefaults image) {
      this(id, resolved.spec(), resolved.env(), withProvider(resolved), resolved.providerId().orElse(null), resolved,
          imageId, image);
    }

    FakeContainer(String id, ContainerSpec spec, Map<String, String> env, Map<String, String> labels,
        String providerId, ResolvedContainer resolved, String imageId, ImageDefaults image) {
      this.id = id;
      this.name = spec.name();
      this.image = spec.image();
      this.imageId = imageId;
      this.labels = Map.copyOf(labels);
      this.resolved = resolved;
      this.spec = spec;
      this.providerId = providerId;
      this.details = FakeInspect.details(id, spec, env, this.labels, Optional.ofNullable(providerId), image);
    }

    FakeContainer(String id, String name, String image, Map<String, String> labels) {
      this.id = id;
      this.name = name;
      this.image = image;
      this.imageId = null;
      this.labels = labels;
      this.resolved = null;
      this.spec = null;
      this.providerId = null;
      this.details = null;
    }

    /** As the podman adapter does: Podman's list does not say which container a member joined. */
    private static Map<String, String> withProvider(ResolvedContainer resolved) {
      Map<String, String> labels = new LinkedHashMap<>(resolved.labels());
      resolved.providerId().ifPresent(p -> labels.put(PROVIDER_ID_LABEL, p));
      return labels;
    }

    ObservedContainer observe() {
      return new ObservedContainer(id, name, image, labels, status, health, Optional.ofNullable(startedAt),
          Optional.ofNullable(providerId), Optional.ofNullable(namespace),
          status == ContainerStatus.EXITED ? Optional.ofNullable(exitCode) : Optional.empty(), oomKilled,
          status == ContainerStatus.RUNNING || status == ContainerStatus.PAUSED ? OptionalLong.of(pid)
              : OptionalLong.empty());
    }
  }
}
