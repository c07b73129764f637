package dev.podkeeper.model.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.podkeeper.model.Labels;
import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.HealthCheck;
import dev.podkeeper.model.desired.NetworkAttachment;
import dev.podkeeper.model.desired.NetworkSpec;
import dev.podkeeper.model.desired.PortMapping;
import dev.podkeeper.model.desired.RestartPolicy;
import dev.podkeeper.model.desired.VolumeMount;
import dev.podkeeper.model.observed.ContainerProcess;
import dev.podkeeper.model.desired.DeviceMapping;
import dev.podkeeper.model.observed.ContainerDetails;
import dev.podkeeper.model.observed.ContainerStatus;
import dev.podkeeper.model.observed.ImageDefaults;
import dev.podkeeper.model.observed.HealthStatus;
import dev.podkeeper.model.observed.ObservedContainer;
import dev.podkeeper.model.observed.ObservedNetwork;
import dev.podkeeper.model.port.ContainerEngine;
import dev.podkeeper.model.port.EngineEvent;
import dev.podkeeper.model.port.EngineEventListener;
import dev.podkeeper.model.port.EngineException;
import dev.podkeeper.model.port.LocalImage;
import dev.podkeeper.model.port.ResolvedContainer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link ContainerEngine} must do, written down as Podman 4.3 behaves through its API socket.
 * Run against {@link FakeContainerEngine} ({@code FakeContainerEngineContractTest}) and against a private
 * Podman engine ({@code PodmanEngineContractIT} in src-test), so that agent tests on the fake mean something.
 *
 * <p>Subclasses give a fresh engine per test and the name of an image that is in its local store and whose
 * default command keeps running and stops at once on SIGTERM. Every container and network a test creates
 * gets a unique name and is removed afterwards, members before their providers.
 */
public abstract class ContainerEngineContract {
  private static final Duration EVENT_WAIT = Duration.ofSeconds(20);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
  /** What "promptly" means for a failure: well under a pass's patience, far under the start timeout. */
  private static final Duration PROMPTLY = Duration.ofSeconds(15);

  protected ContainerEngine engine;
  private String suffix;
  private String stack;
  private final List<String> createdContainers = new ArrayList<>();
  private final List<String> createdNetworks = new ArrayList<>();

  @TempDir
  Path tempDir;

  protected abstract ContainerEngine newEngine();

  /** An engine of the same kind that cannot be reached (nothing listens at its socket); closed by the test. */
  protected abstract ContainerEngine unreachableEngine();

  /** An image present in the engine's local store, e.g. {@code localhost/podkeeper-test:1}. */
  protected abstract String testImage();

  @BeforeEach
  final void newEngineAndUniqueNames() {
    engine = newEngine();
    suffix = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36 * 36), 36);
    stack = "pkt-" + suffix;
  }

  @AfterEach
  final void removeWhatTheTestCreated() throws Exception {
    try {
      // Reverse creation order: namespace members were created after their providers.
      for (int i = createdContainers.size() - 1; i >= 0; i--) {
        String id = createdContainers.get(i);
        ignoreEngineErrors(() -> engine.removeContainer(id));
      }
      for (int i = createdNetworks.size() - 1; i >= 0; i--) {
        String name = createdNetworks.get(i);
        ignoreEngineErrors(() -> engine.removeNetwork(name));
      }
    } finally {
      if (engine instanceof AutoCloseable closeable) {
        closeable.close();
      }
    }
  }

  // ---- networks ----

  @Test
  void aCreatedNetworkIsListedWithItsLabels() {
    String name = unique("net");
    Map<String, String> labels = Map.of(Labels.STACK, stack, Labels.SPEC_HASH, "h1", "purpose", "contract");

    String id = createNetwork(name, labels);

    assertThat(id).isNotBlank();
    ObservedNetwork listed = network(name).orElseThrow();
    assertThat(listed.id()).isEqualTo(id);
    assertThat(listed.labels()).containsAllEntriesOf(labels);
    assertThat(listed.managedBy(stack)).isTrue();
    assertThat(listed.specHash()).contains("h1");
  }

  @Test
  void aRemovedNetworkIsNoLongerListed() {
    String name = unique("net");
    createNetwork(name, Map.of(Labels.STACK, stack));

    engine.removeNetwork(name);

    assertThat(network(name)).isEmpty();
  }

  @Test
  void aNetworkNameCanBeUsedOnlyOnce() {
    String name = unique("net");
    createNetwork(name, Map.of(Labels.STACK, stack));

    assertThatThrownBy(() -> engine.createNetwork(new NetworkSpec(name, Optional.empty(), Optional.empty(), true),
        Map.of(Labels.STACK, stack)))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining(name);
  }

  @Test
  void aNetworkWithContainersAttachedCannotBeRemoved() {
    String network = unique("net");
    createNetwork(network, Map.of(Labels.STACK, stack));
    create(container("c", new NetworkAttachment.Bridge(network)).build());

    assertThatThrownBy(() -> engine.removeNetwork(network))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining(network);
    assertThat(network(network)).isPresent();
  }

  @Test
  void removingAnUnknownNetworkFails() {
    String name = unique("missing");

    assertThatThrownBy(() -> engine.removeNetwork(name))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining(name);
  }

  // ---- images ----

  @Test
  void imageExistsTellsLocalImagesFromMissingOnes() {
    assertThat(engine.imageExists(testImage())).isTrue();
    assertThat(engine.imageExists("localhost/podkeeper-missing-" + suffix + ":0")).isFalse();
  }

  @Test
  void anImageIsInspectedByNameOrIdAndAContainerTellsTheImageItWasCreatedOn() {
    LocalImage image = engine.inspectImage(testImage()).orElseThrow();
    String id = create(resolved(container("img", new NetworkAttachment.PodmanDefault()).build(), Optional.empty()));

    assertThat(image.id()).isNotBlank();
    assertThat(engine.inspectImage(image.id())).contains(image);
    assertThat(engine.inspectImage("localhost/podkeeper-missing-" + suffix + ":0")).isEmpty();
    assertThat(engine.containerImage(id).map(LocalImage::id)).contains(image.id());
    assertThat(engine.containerImage("0".repeat(64))).isEmpty();
  }

  @Test
  void aTagNamesTheImageItWasGivenAndMovesOnWhenTaggedAgain() {
    LocalImage image = engine.inspectImage(testImage()).orElseThrow();
    String tag = "localhost/podkeeper-contract-" + suffix + ":previous";

    engine.tagImage(image.id(), tag);
    assertThat(engine.inspectImage(tag).map(LocalImage::id)).contains(image.id());
    engine.tagImage(tag, "localhost/podkeeper-contract-" + suffix + ":again");
    assertThat(engine.inspectImage("localhost/podkeeper-contract-" + suffix + ":again").map(LocalImage::id))
        .contains(image.id());
    assertThatThrownBy(() -> engine.tagImage("localhost/podkeeper-missing-" + suffix + ":0", tag))
        .isInstanceOf(EngineException.class);
  }

  // ---- container lifecycle ----

  @Test
  void aContainerInABridgeNetworkIsCreatedThenRunsThenExitsThenIsGone() throws IOException {
    String network = unique("net");
    createNetwork(network, Map.of(Labels.STACK, stack));
    ContainerSpec spec = container("web", new NetworkAttachment.Bridge(network))
        .aliases(List.of("web-alias-" + suffix))
        .ports(List.of(new PortMapping("127.0.0.1", freeLoopbackPort(), 8080, PortMapping.Protocol.TCP)))
        .volumes(List.of(new VolumeMount(tempDir.toString(), "/data", true)))
        .labels(Map.of("purpose", "contract"))
        .build();
    ResolvedContainer resolved = resolved(spec, Optional.empty());

    String id = create(resolved);

    ObservedContainer created = container(id).orElseThrow();
    assertThat(created.name()).isEqualTo(spec.name());
    assertThat(created.image()).isEqualTo(testImage());
    assertThat(created.status()).isEqualTo(ContainerStatus.CREATED);
    assertThat(created.labels()).containsAllEntriesOf(resolved.labels());
    assertThat(created.managedBy(stack)).isTrue();
    assertThat(created.specHash()).contains("h-" + spec.name());
    assertThat(created.startedAt()).isEmpty();
    assertThat(created.networkNamespace()).isEmpty();
    assertThat(created.namespaceProviderId()).isEmpty();
    assertThat(created.health()).isEqualTo(HealthStatus.NONE);

    engine.startContainer(id);

    ObservedContainer running = container(id).orElseThrow();
    assertThat(running.status()).isEqualTo(ContainerStatus.RUNNING);
    assertThat(running.running()).isTrue();
    assertThat(running.startedAt()).isPresent();
    assertThat(running.labels()).containsAllEntriesOf(resolved.labels());

    engine.stopContainer(id, STOP_TIMEOUT);

    ObservedContainer exited = container(id).orElseThrow();
    assertThat(exited.status()).isEqualTo(ContainerStatus.EXITED);
    assertThat(exited.networkNamespace()).isEmpty();
    assertThat(exited.startedAt()).isEqualTo(running.startedAt());

    engine.removeContainer(id);

    assertThat(container(id)).isEmpty();
  }

  @Test
  void anExitedContainerSaysHowItsRunEnded() {
    // Restart policy "no": with the default (unless-stopped) Podman starts it again, and its next list shows it running.
    String crashing = create(container("exit3", bridge()).command(Optional.of(List.of("sh", "-c", "exit 3")))
        .restart(RestartPolicy.NO).build());
    String stopped = create(container("stopped", bridge()).build());
    engine.startContainer(crashing);
    engine.startContainer(stopped);
    assertThat(container(stopped).orElseThrow().exitCode()).as("running: no exit code").isEmpty();

    await().atMost(Duration.ofSeconds(20)).until(() -> container(crashing).orElseThrow().exitCode().isPresent());
    engine.stopContainer(stopped, STOP_TIMEOUT);

    ObservedContainer exited = container(crashing).orElseThrow();
    assertThat(exited.status()).isEqualTo(ContainerStatus.EXITED);
    assertThat(exited.exitCode()).contains(3);
    assertThat(exited.oomKilled()).isFalse();
    assertThat(container(stopped).orElseThrow().exitCode()).as("PID 1 traps SIGTERM and exits 0").contains(0);
    engine.startContainer(stopped);
    assertThat(container(stopped).orElseThrow().exitCode()).as("a new run has not ended").isEmpty();
  }

  /**
   * What the agent verifies an event's container with: the list's own entry, for every state, and gone after
   * removal. A running container's network namespace, which a list need report only for members and their
   * providers, an inspect may report for any (it is the same namespace where both report one).
   */
  @Test
  void inspectingOneContainerSaysWhatTheListSays() {
    String id = create(container("inspected", bridge()).build());
    assertThat(engine.inspectContainer(id)).as("created").isEqualTo(container(id));
    engine.startContainer(id);
    ObservedContainer listed = container(id).orElseThrow();
    ObservedContainer inspected = engine.inspectContainer(id).orElseThrow();
    assertThat(inspected.withNetworkNamespace(listed.networkNamespace())).as("running").isEqualTo(listed);
    listed.networkNamespace().ifPresent(ns -> assertThat(inspected.networkNamespace()).contains(ns));
    engine.stopContainer(id, STOP_TIMEOUT);
    assertThat(engine.inspectContainer(id)).as("exited").isEqualTo(container(id));
    engine.removeContainer(id);
    assertThat(engine.inspectContainer(id)).as("removed").isEmpty();
  }

  @Test
  void aRunningContainerHasHostProcessesAndAStoppedOneNone() {
    String id = create(container("proc", bridge()).build());
    engine.startContainer(id);

    ContainerProcess running = engine.inspectProcess(id);
    OptionalLong listedPid = container(id).orElseThrow().pid();
    OptionalLong inspectedPid = engine.inspectContainer(id).orElseThrow().pid();
    engine.stopContainer(id, STOP_TIMEOUT);

    assertThat(running.running()).isTrue();
    assertThat(running.conmonPid()).as("its monitor is another process").isPositive().isNotEqualTo(running.pid());
    assertThat(listedPid).as("the list names the main process").hasValue(running.pid());
    assertThat(inspectedPid).as("so does the inspect of one").hasValue(running.pid());
    assertThat(engine.inspectProcess(id)).isEqualTo(ContainerProcess.NOT_RUNNING);
    assertThat(container(id).orElseThrow().pid()).as("a stopped container has no process").isEmpty();
    assertThatThrownBy(() -> engine.inspectProcess(unique("missing")))
        .isInstanceOf(EngineException.class).hasMessageContaining("missing");
  }

  @Test
  void theLogTailIsTheLastLinesWrittenAndHasStderrToo() {
    String out = create(container("logs", bridge())
        .command(Optional.of(List.of("sh", "-c", "echo first; echo second; echo third; exit 3")))
        .restart(RestartPolicy.NO).build());
    // Only one stream per container: the engine interleaves stdout and stderr in the order it read the two pipes.
    String err = create(container("errs", bridge())
        .command(Optional.of(List.of("sh", "-c", "echo config file missing >&2; exit 3")))
        .restart(RestartPolicy.NO).build());
    engine.startContainer(out);
    engine.startContainer(err);
    await().atMost(Duration.ofSeconds(20)).until(() -> container(out).orElseThrow().exitCode().isPresent()
        && container(err).orElseThrow().exitCode().isPresent());

    assertThat(engine.logTail(out, 2)).containsExactly("second", "third");
    assertThat(engine.logTail(out, 10)).containsExactly("first", "second", "third");
    assertThat(engine.logTail(err, 10)).containsExactly("config file missing");
    assertThatThrownBy(() -> engine.logTail(unique("missing"), 5))
        .isInstanceOf(EngineException.class).hasMessageContaining("missing");
  }

  @Test
  void startAndStopAreIdempotent() {
    String id = create(container("c", bridge()).build());

    engine.startContainer(id);
    engine.startContainer(id);
    assertThat(container(id).orElseThrow().status()).isEqualTo(ContainerStatus.RUNNING);

    engine.stopContainer(id, STOP_TIMEOUT);
    engine.stopContainer(id, STOP_TIMEOUT);
    assertThat(container(id).orElseThrow().status()).isEqualTo(ContainerStatus.EXITED);
  }

  @Test
  void aRunningContainerIsRemovedForcibly() {
    String id = create(container("c", bridge()).build());
    engine.startContainer(id);

    engine.removeContainer(id);

    assertThat(container(id)).isEmpty();
  }

  @Test
  void aContainerNameCanBeUsedOnlyOnce() {
    ContainerSpec spec = container("c", bridge()).build();
    create(spec);

    assertThatThrownBy(() -> engine.createContainer(resolved(spec, Optional.empty())))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining(spec.name());
  }

  @Test
  void operationsOnUnknownContainersFail() {
    String unknown = "0123456789abcdef0123456789abcdef0123456789abcdef" + "fedcba9876543210";

    assertThatThrownBy(() -> engine.startContainer(unknown)).isInstanceOf(EngineException.class)
        .hasMessageContaining(unknown);
    assertThatThrownBy(() -> engine.stopContainer(unknown, STOP_TIMEOUT)).isInstanceOf(EngineException.class)
        .hasMessageContaining(unknown);
    assertThatThrownBy(() -> engine.removeContainer(unknown)).isInstanceOf(EngineException.class)
        .hasMessageContaining(unknown);
  }

  // ---- network namespaces (container:<provider>) ----

  @Test
  void aMemberSharesItsProvidersNetworkNamespace() {
    String providerId = create(container("provider", bridge()).build());
    ResolvedContainer resolvedMember = resolved(
        container("member", new NetworkAttachment.ContainerNamespace(stack + "-provider")).build(),
        Optional.of(providerId));
    String memberId = create(resolvedMember);

    engine.startContainer(providerId);
    engine.startContainer(memberId);

    ObservedContainer provider = container(providerId).orElseThrow();
    ObservedContainer member = container(memberId).orElseThrow();
    assertThat(member.namespaceProviderId()).contains(providerId);
    assertThat(member.labels()).containsAllEntriesOf(resolvedMember.labels());
    assertThat(provider.namespaceProviderId()).isEmpty();
    assertThat(member.networkNamespace()).isPresent().isEqualTo(provider.networkNamespace());
  }

  /** The dead-namespace case: a member started before its provider's restart keeps the old namespace. */
  @Test
  void aMemberKeepsTheOldNamespaceWhenItsProviderRestartsUntilItRestartsToo() {
    String providerId = create(container("provider", bridge()).build());
    String memberId = create(resolved(
        container("member", new NetworkAttachment.ContainerNamespace(stack + "-provider")).build(),
        Optional.of(providerId)));
    engine.startContainer(providerId);
    engine.startContainer(memberId);
    String before = container(providerId).orElseThrow().networkNamespace().orElseThrow();

    engine.stopContainer(providerId, STOP_TIMEOUT);
    assertThat(container(memberId).orElseThrow().status())
        .as("stopping a provider leaves its members running").isEqualTo(ContainerStatus.RUNNING);
    engine.startContainer(providerId);

    ObservedContainer provider = container(providerId).orElseThrow();
    ObservedContainer member = container(memberId).orElseThrow();
    assertThat(member.status()).isEqualTo(ContainerStatus.RUNNING);
    assertThat(member.networkNamespace()).contains(before);
    assertThat(provider.networkNamespace()).isPresent().isNotEqualTo(member.networkNamespace());

    engine.stopContainer(memberId, STOP_TIMEOUT);
    engine.startContainer(memberId);

    assertThat(container(memberId).orElseThrow().networkNamespace())
        .isEqualTo(container(providerId).orElseThrow().networkNamespace());
  }

  @Test
  void startingAMemberStartsItsStoppedProviderFirst() {
    String providerId = create(container("provider", bridge()).build());
    String memberId = create(resolved(
        container("member", new NetworkAttachment.ContainerNamespace(stack + "-provider")).build(),
        Optional.of(providerId)));

    engine.startContainer(memberId);

    assertThat(container(providerId).orElseThrow().status()).isEqualTo(ContainerStatus.RUNNING);
    assertThat(container(memberId).orElseThrow().networkNamespace())
        .isPresent().isEqualTo(container(providerId).orElseThrow().networkNamespace());
  }

  @Test
  void aProviderCannotBeRemovedBeforeItsMembers() {
    String providerId = create(container("provider", bridge()).build());
    String memberId = create(resolved(
        container("member", new NetworkAttachment.ContainerNamespace(stack + "-provider")).build(),
        Optional.of(providerId)));

    assertThatThrownBy(() -> engine.removeContainer(providerId))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("dependent containers")
        .satisfies(e -> assertThat(e.getMessage()).containsAnyOf(providerId, stack + "-provider"));
    assertThat(container(providerId)).isPresent();

    engine.removeContainer(memberId);
    engine.removeContainer(providerId);
    assertThat(container(providerId)).isEmpty();
  }

  // ---- health ----

  @Test
  void aHealthCheckStartsAsStartingAndARunMakesItHealthy() {
    HealthCheck check = new HealthCheck(List.of("CMD-SHELL", "true"), Duration.ofMinutes(5),
        Duration.ofSeconds(5), 3, Duration.ZERO);
    String id = create(container("checked", bridge()).health(Optional.of(check)).build());
    engine.startContainer(id);
    assertThat(container(id).orElseThrow().health()).isEqualTo(HealthStatus.STARTING);

    assertThat(engine.runHealthCheck(id)).isEqualTo(HealthStatus.HEALTHY);
    assertThat(container(id).orElseThrow().health()).isEqualTo(HealthStatus.HEALTHY);

    engine.stopContainer(id, STOP_TIMEOUT);
    assertThat(container(id).orElseThrow().health())
        .as("Podman keeps the last result while stopped").isEqualTo(HealthStatus.HEALTHY);

    engine.startContainer(id);
    assertThat(container(id).orElseThrow().health()).as("a start resets it").isEqualTo(HealthStatus.STARTING);
  }

  @Test
  void aContainerWithoutHealthCheckHasHealthNone() {
    String id = create(container("unchecked", bridge()).build());
    engine.startContainer(id);

    assertThat(engine.runHealthCheck(id)).isEqualTo(HealthStatus.NONE);
    assertThat(container(id).orElseThrow().health()).isEqualTo(HealthStatus.NONE);
  }

  // ---- events ----

  @Test
  void startAndDieOfAContainerReachTheListenerAndCloseIsReportedOnce() throws Exception {
    RecordingListener listener = new RecordingListener();
    AutoCloseable subscription = engine.subscribeEvents(listener);
    String id;
    try {
      id = create(container("evented", bridge()).build());
      engine.startContainer(id);
      engine.stopContainer(id, STOP_TIMEOUT);

      EngineEvent start = listener.await(e -> e.id().equals(id) && e.action().equals("start"));
      EngineEvent die = listener.await(e -> e.id().equals(id) && e.action().equals("die"));
      assertThat(start.type()).isEqualTo("container");
      assertThat(start.name()).isEqualTo(stack + "-evented");
      assertThat(die.type()).isEqualTo("container");
    } finally {
      subscription.close();
    }
    subscription.close();

    // The stream's own thread reports its end, possibly a moment after close() returned.
    await().atMost(Duration.ofSeconds(10)).until(() -> listener.closedCount.get() > 0);
    assertThat(listener.closedCount.get()).isEqualTo(1);
    assertThat(listener.closedCause.get()).isNull();
  }

  /**
   * An unreachable engine fails a subscription promptly, one way only: subscribe throws, or it returns and
   * the listener hears onClosed once, with the cause. Then a subscription to a reachable engine works.
   */
  @Test
  void subscribingWhileTheEngineIsUnreachableFailsPromptlyOnceAndALaterSubscribeWorks() throws Exception {
    RecordingListener refused = new RecordingListener();
    ContainerEngine unreachable = unreachableEngine();
    try {
      long started = System.nanoTime();
      AutoCloseable subscription = null;
      EngineException thrown = null;
      try {
        subscription = unreachable.subscribeEvents(refused);
      } catch (EngineException e) {
        thrown = e;
      }
      if (thrown == null) {
        await().atMost(PROMPTLY).until(() -> refused.closedCount.get() > 0);
        assertThat(refused.closedCause.get()).as("the cause of the failed subscription").isNotNull();
        subscription.close();
      }
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPTLY);
      assertThat(refused.closedCount.get()).as("reported once, or thrown and never reported")
          .isEqualTo(thrown == null ? 1 : 0);
      assertThat(refused.events).isEmpty();
    } finally {
      if (unreachable instanceof AutoCloseable closeable) {
        closeable.close();
      }
    }

    RecordingListener later = new RecordingListener();
    try (AutoCloseable subscription = engine.subscribeEvents(later)) {
      String id = create(container("after-outage", bridge()).build());
      engine.startContainer(id);
      later.await(e -> e.id().equals(id) && e.action().equals("start"));
    }
  }

  /** An image event names the image as it was given: the local update policy watches its tag move. */
  @Test
  void aTagReachesTheListenerAsAnImageEventWithTheNewName() throws Exception {
    RecordingListener listener = new RecordingListener();
    String tag = "localhost/podkeeper-contract-" + suffix + ":evented";
    try (AutoCloseable subscription = engine.subscribeEvents(listener)) {
      engine.tagImage(testImage(), tag);

      listener.await(e -> e.type().equals("image") && e.action().equals("tag") && e.name().equals(tag));
    }
  }

  /** Once close() has returned, the listener hears no more events, though the engine goes on making them. */
  @Test
  void noEventsReachTheListenerAfterClose() throws Exception {
    RecordingListener closedEarly = new RecordingListener();
    AutoCloseable subscription = engine.subscribeEvents(closedEarly);
    subscription.close();
    int seenBeforeClose = closedEarly.events.size();

    RecordingListener witness = new RecordingListener();
    try (AutoCloseable open = engine.subscribeEvents(witness)) {
      String id = create(container("after-close", bridge()).build());
      engine.startContainer(id);
      engine.stopContainer(id, STOP_TIMEOUT);
      witness.await(e -> e.id().equals(id) && e.action().equals("die"));
    }

    assertThat(closedEarly.events).hasSize(seenBeforeClose);
    await().atMost(Duration.ofSeconds(10)).until(() -> closedEarly.closedCount.get() > 0);
    assertThat(closedEarly.closedCount.get()).isEqualTo(1);
    assertThat(closedEarly.closedCause.get()).isNull();
  }

  // ---- call counting ----

  @Test
  void listingCostsOneCallEach() {
    create(container("a", bridge()).build());
    create(container("b", bridge()).build());

    long before = engine.callCount();
    engine.listContainers();
    assertThat(engine.callCount()).isEqualTo(before + 1);
    engine.listNetworks();
    assertThat(engine.callCount()).isEqualTo(before + 2);
  }

  // ---- full inspects (import engine, adoption) ----

  @Test
  void inspectShowsWhatAContainerWasCreatedWith() throws IOException {
    int port = freeLoopbackPort();
    HealthCheck health = new HealthCheck(List.of("CMD-SHELL", "true"), Duration.ofSeconds(15), Duration.ofSeconds(5),
        2, Duration.ofSeconds(1));
    ContainerSpec spec = container("full", bridge())
        .ports(List.of(new PortMapping("127.0.0.1", port, 8080, PortMapping.Protocol.TCP)))
        .volumes(List.of(new VolumeMount(tempDirectory().toString(), "/data", true)))
        .devices(List.of(new DeviceMapping("/dev/null", "/dev/mynull", "rwm")))
        .capAdd(List.of("NET_ADMIN")).capDrop(List.of("MKNOD"))
        .health(Optional.of(health)).memoryBytes(Optional.of(64L * 1024 * 1024)).cpus(Optional.of(0.5))
        .command(Optional.of(List.of("sleep", "600"))).user(Optional.of("nobody")).workdir(Optional.of("/tmp"))
        .labels(Map.of("app", "full")).restart(RestartPolicy.ALWAYS)
        .build();
    String id = create(spec);

    ContainerDetails details = engine.containerDetails(id);

    assertThat(details.id()).isEqualTo(id);
    assertThat(details.name()).isEqualTo(spec.name());
    assertThat(details.image()).isEqualTo(testImage());
    assertThat(details.networks()).containsExactly(spec.network().toString());
    assertThat(details.namespaceProviderId()).isEmpty();
    assertThat(details.ports()).containsExactlyElementsOf(spec.ports());
    assertThat(details.volumes()).containsExactlyElementsOf(spec.volumes());
    assertThat(details.devices()).extracting(DeviceMapping::hostPath, DeviceMapping::containerPath)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("/dev/null", "/dev/mynull"));
    assertThat(details.capAdd()).containsExactly("NET_ADMIN");
    assertThat(details.capDrop()).containsExactly("MKNOD");
    assertThat(details.health()).contains(health);
    assertThat(details.memoryBytes()).contains(64L * 1024 * 1024);
    assertThat(details.cpus()).contains(0.5);
    assertThat(details.command()).containsExactly("sleep", "600");
    assertThat(details.user()).isEqualTo("nobody");
    assertThat(details.workdir()).isEqualTo("/tmp");
    assertThat(details.restart()).isEqualTo(RestartPolicy.ALWAYS);
    assertThat(details.stopTimeout()).contains(STOP_TIMEOUT);
    assertThat(details.labels()).containsEntry("app", "full").containsEntry(Labels.STACK, stack);
    assertThat(details.env()).containsEntry("PODKEEPER_CONTRACT", "yes");
  }

  /** What import must tell apart from a user's choice: the image's command and env show up in inspect. */
  @Test
  void inspectShowsTheImagesDefaultsWhereTheContainerSetNone() {
    ImageDefaults image = engine.imageDefaults(testImage());
    String id = create(container("plain", bridge()).build());

    ContainerDetails details = engine.containerDetails(id);

    assertThat(image.command()).isNotEmpty();
    assertThat(details.command()).isEqualTo(image.command());
    assertThat(details.entrypoint()).isEqualTo(image.entrypoint());
    assertThat(details.env()).containsAllEntriesOf(image.env()).containsEntry("PODKEEPER_CONTRACT", "yes");
    assertThat(details.health()).isEmpty();
    assertThat(details.memoryBytes()).isEmpty();
    assertThat(details.cpus()).isEmpty();
    assertThat(details.capAdd()).isEmpty();
  }

  @Test
  void inspectOfAMemberNamesItsProvidersIdAndNoNetwork() {
    String providerId = create(container("provider", bridge()).build());
    String memberId = create(resolved(
        container("member", new NetworkAttachment.ContainerNamespace(stack + "-provider")).build(),
        Optional.of(providerId)));

    ContainerDetails member = engine.containerDetails(memberId);

    assertThat(member.namespaceProviderId()).contains(providerId);
    assertThat(member.networks()).isEmpty();
    assertThat(engine.containerDetails(unique("provider")).id()).isEqualTo(providerId);
  }

  @Test
  void inspectNetworkGivesTheSubnetAndGatewayItWasCreatedWith() {
    String name = unique("inspected");
    String subnet = randomSubnet();
    engine.createNetwork(new NetworkSpec(name, Optional.of(subnet), Optional.empty(), false), Map.of());
    createdNetworks.add(name);

    NetworkSpec network = engine.inspectNetwork(name);

    assertThat(network.name()).isEqualTo(name);
    assertThat(network.subnet()).contains(subnet);
    assertThat(network.gateway()).contains(subnet.replace(".0/24", ".1"));
    assertThat(network.dns()).isFalse();
  }

  @Test
  void detailsOfAnUnknownContainerFail() {
    assertThatThrownBy(() -> engine.containerDetails(unique("nobody"))).isInstanceOf(EngineException.class)
        .hasMessageContaining(unique("nobody"));
  }

  // ---- helpers ----

  /** A unique, valid object name for this test: {@code pkt-<random>-<base>}. */
  protected final String unique(String base) {
    return stack + "-" + base;
  }

  protected final String stack() {
    return stack;
  }

  /** This test's own temporary directory. */
  protected final Path tempDirectory() {
    return tempDir;
  }

  /** A host port on 127.0.0.1 that was free a moment ago. */
  protected static int freeLoopbackPort() {
    return LoopbackPorts.free();
  }

  /** A /24 in 10.200.0.0-10.249.255.0, unlikely to clash with anything else on the host. */
  protected static String randomSubnet() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "10." + random.nextInt(200, 250) + "." + random.nextInt(0, 256) + ".0/24";
  }

  private NetworkAttachment bridge() {
    String network = unique("net");
    if (network(network).isEmpty()) {
      createNetwork(network, Map.of(Labels.STACK, stack));
    }
    return new NetworkAttachment.Bridge(network);
  }

  private String createNetwork(String name, Map<String, String> labels) {
    String subnet = randomSubnet();
    String gateway = subnet.replace(".0/24", ".1");
    String id = engine.createNetwork(new NetworkSpec(name, Optional.of(subnet), Optional.of(gateway), true), labels);
    createdNetworks.add(name);
    return id;
  }

  private dev.podkeeper.model.desired.ContainerSpecBuilder container(String base, NetworkAttachment network) {
    return ContainerSpec.builder(unique(base), testImage(), network)
        .env(Map.of("PODKEEPER_CONTRACT", "yes"))
        .stopTimeout(Optional.of(STOP_TIMEOUT));
  }

  private ResolvedContainer resolved(ContainerSpec spec, Optional<String> providerId) {
    return new ResolvedContainer(spec, spec.env(), providerId, stack, "h-" + spec.name());
  }

  private String create(ContainerSpec spec) {
    return create(resolved(spec, Optional.empty()));
  }

  private String create(ResolvedContainer resolved) {
    String id = engine.createContainer(resolved);
    createdContainers.add(id);
    return id;
  }

  private Optional<ObservedContainer> container(String id) {
    return engine.listContainers().stream().filter(c -> c.id().equals(id)).findFirst();
  }

  private Optional<ObservedNetwork> network(String name) {
    return engine.listNetworks().stream().filter(n -> n.name().equals(name)).findFirst();
  }

  private static void ignoreEngineErrors(Runnable action) {
    try {
      action.run();
    } catch (EngineException alreadyGone) {
      // removed by the test itself
    }
  }

  private static final class RecordingListener implements EngineEventListener {
    final BlockingQueue<EngineEvent> events = new LinkedBlockingQueue<>();
    final AtomicInteger closedCount = new AtomicInteger();
    final AtomicReference<Throwable> closedCause = new AtomicReference<>();

    @Override
    public void onEvent(EngineEvent event) {
      events.add(event);
    }

    @Override
    public void onClosed(Throwable cause) {
      closedCount.incrementAndGet();
      closedCause.set(cause);
    }

    /** Waits for the event itself (no sleeping): events arrive asynchronously from a real engine. */
    EngineEvent await(Predicate<EngineEvent> wanted) throws InterruptedException {
      long deadline = System.nanoTime() + EVENT_WAIT.toNanos();
      List<EngineEvent> seen = new ArrayList<>();
      for (long left = EVENT_WAIT.toNanos(); left > 0; left = deadline - System.nanoTime()) {
        EngineEvent event = events.poll(left, TimeUnit.NANOSECONDS);
        if (event != null && wanted.test(event)) {
          return event;
        }
        if (event != null) {
          seen.add(event);
        }
      }
      throw new AssertionError("no such event within " + EVENT_WAIT + "; saw " + seen.stream()
          .map(e -> e.type() + " " + e.action() + " " + e.name()).toList());
    }
  }
}
