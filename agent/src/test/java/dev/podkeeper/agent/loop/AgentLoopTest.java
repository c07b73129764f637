package dev.podkeeper.agent.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import dev.podkeeper.agent.execute.Executor;
import dev.podkeeper.agent.execute.ExecutorOptions;
import dev.podkeeper.agent.lifecycle.ManualScheduler;
import dev.podkeeper.agent.testing.TestClock;
import dev.podkeeper.agent.notify.ServiceNotifier;
import dev.podkeeper.agent.observe.EnginePicture;
import dev.podkeeper.agent.observe.WorldObserver;
import dev.podkeeper.agent.reconcile.LogFormat;
import dev.podkeeper.agent.reconcile.ReconcileLog;
import dev.podkeeper.agent.reconcile.ReconcilePass;
import dev.podkeeper.agent.reconcile.Trigger;
import dev.podkeeper.agent.status.ObjectState;
import dev.podkeeper.agent.status.ObjectStatus;
import dev.podkeeper.agent.status.PassClient;
import dev.podkeeper.agent.status.PassExchange;
import dev.podkeeper.agent.status.StatusBoard;
import dev.podkeeper.agent.status.StatusServer;
import dev.podkeeper.agent.testing.ForwardingEngine;
import dev.podkeeper.model.observed.ObservedContainer;
import dev.podkeeper.model.port.ContainerEngine;
import dev.podkeeper.model.port.EngineException;
import dev.podkeeper.model.port.ResolvedContainer;
import dev.podkeeper.model.testing.FakeContainerEngine;
import dev.podkeeper.model.testing.FakeHostFiles;
import dev.podkeeper.model.testing.FakeUnitManager;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The loop, its event source and the crash-loop gate around the real reconcile pass, on the fake engine. */
class AgentLoopTest {
  private static final String IMAGE = "localhost/podkeeper-test:1";
  private static final String STACK = """
      version: 1
      stack: looptest
      networks:
        looptest-net: {}
      containers:
        app:
          image: localhost/podkeeper-test:1
          network: looptest-net
      """;

  @TempDir Path directory;
  private final TestClock clock = new TestClock();
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final FakeContainerEngine engine = new FakeContainerEngine(clock).withImage(IMAGE);
  private final StatusBoard board = new StatusBoard();
  private final List<String> notifications = new CopyOnWriteArrayList<>();
  private final StringWriter reconcileLog = new StringWriter();
  private Path file;
  private DesiredStateStore store;
  private ReconcileLoop loop;
  private ManualPasses manual;
  private EngineEventSource events;
  private final Map<String, EngineException> refusedCreates = new ConcurrentHashMap<>();
  private final Map<String, Integer> createAttempts = new ConcurrentHashMap<>();
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final List<Logger> watchedLoggers = List.of((Logger) LoggerFactory.getLogger(AgentPass.class),
      (Logger) LoggerFactory.getLogger(ActionRetries.class));

  @BeforeEach
  void start() throws IOException {
    logged.start();
    watchedLoggers.forEach(l -> l.addAppender(logged));
    file = directory.resolve("stack.yaml");
    Files.writeString(file, STACK);
    store = new DesiredStateStore(file, new ParsedFileLoader());
    assertThat(store.reload()).isEqualTo(DesiredStateStore.Reload.CHANGED);
    FakeUnitManager units = new FakeUnitManager();
    FakeHostFiles files = new FakeHostFiles();
    AtomicInteger ids = new AtomicInteger();
    ContainerEngine refusing = new ForwardingEngine(engine) {
      @Override
      public String createContainer(ResolvedContainer container) {
        createAttempts.merge(container.name(), 1, Integer::sum);
        EngineException refusal = refusedCreates.get(container.name());
        if (refusal != null) {
          throw refusal;
        }
        return super.createContainer(container);
      }
    };
    ReconcilePass pass = new ReconcilePass(new WorldObserver(refusing, units, files),
        new Executor(refusing, units, files, clock, clock::advance, ExecutorOptions.DEFAULT),
        new ReconcileLog(new PrintWriter(reconcileLog, true), LogFormat.TEXT), clock,
        () -> "p" + ids.incrementAndGet());
    manual = new ManualPasses(trigger -> loop.request(trigger), () -> loop.passesStarted(), store);
    AgentPass agentPass = new AgentPass(store, pass, false, new CrashLoopBackoff(), board,
        new ServiceNotifier(notifications::add), clock, RetryPolicy.ACTIONS, manual);
    loop = new ReconcileLoop(agentPass, scheduler, clock);
    events = new EngineEventSource(engine, new ManagedEventFilter(store::current), loop, scheduler, clock,
        EnginePicture.alwaysList(), Runnable::run);
    events.start();
    loop.request(Trigger.STARTUP);
    await().until(() -> appRunning() && board.latest().map(s -> s.converged()).orElse(false));
  }

  @AfterEach
  void stop() throws Exception {
    events.stop();
    loop.stop();
    watchedLoggers.forEach(l -> l.detachAppender(logged));
  }

  private List<String> errorsLogged() {
    return logged.list.stream().filter(e -> e.getLevel() == Level.ERROR).map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  /** Asks for a pass and waits until the last pass started has published its result. */
  private void passAndWait(Trigger trigger) {
    long before = loop.passesStarted();
    loop.request(trigger);
    await().until(() -> loop.passesStarted() > before
        && board.latest().map(b -> b.passId().equals("p" + loop.passesStarted())).orElse(false));
  }

  private boolean appRunning() {
    return engine.find("app").map(ObservedContainer::running).orElse(false);
  }

  private ObjectStatus appStatus() {
    return board.latest().orElseThrow().objects().stream().filter(o -> o.name().equals("app")).findFirst()
        .orElseThrow();
  }

  @Test
  void applyAsksTheAgentForAPassThroughTheStatusSocketAndGetsThatPasssLog() throws Exception {
    Path socket = directory.resolve("run/status.sock");
    StatusServer server = new StatusServer(socket, board, clock, file, manual);
    server.start();
    try {
      Files.writeString(file, STACK + """
            web:
              image: localhost/podkeeper-test:1
              network: looptest-net
          """);

      PassExchange.Answer answer = PassClient.ask(socket, new PassExchange.Ask(LogFormat.TEXT, file),
          Duration.ofSeconds(20)).orElseThrow();

      assertThat(answer.verdict()).isEqualTo(PassExchange.Verdict.CONVERGED);
      assertThat(answer.lines()).anySatisfy(l -> assertThat(l).contains("trigger=manual action=create-container"
          + " target=web"))
          .last().asString().contains("trigger=manual converged=3/3");
      assertThat(reconcileLog.toString()).contains("trigger=manual action=create-container target=web");
      assertThat(engine.find("web")).isPresent();
    } finally {
      server.stop();
    }
  }

  @Test
  void theAgentRunsNoPassForAnotherFileAndSaysWhichItKeeps() throws Exception {
    Path socket = directory.resolve("status.sock");
    StatusServer server = new StatusServer(socket, board, clock, file, manual);
    server.start();
    long passes = loop.passesStarted();
    try {
      PassExchange.Answer answer = PassClient.ask(socket,
          new PassExchange.Ask(LogFormat.TEXT, directory.resolve("copy.yaml")), Duration.ofSeconds(20)).orElseThrow();

      assertThat(answer.verdict()).isEqualTo(PassExchange.Verdict.REFUSED);
      assertThat(answer.stack()).isEqualTo("looptest");
      assertThat(answer.reason()).contains("keeps " + file);
      assertThat(loop.passesStarted()).isEqualTo(passes);
    } finally {
      server.stop();
    }
  }

  @Test
  void theFirstPassCreatesTheStackAndTellsSystemdItIsReady() {
    assertThat(engine.find("app")).isPresent();
    assertThat(notifications.get(0)).startsWith("READY=1\nSTATUS=pass p1 (startup): converged 2/2");
    assertThat(reconcileLog.toString()).contains("trigger=startup action=create-container target=app");
  }

  @Test
  void aKilledContainerIsRestartedByTheEventItsDeathSends() {
    clock.advance(Duration.ofMinutes(1));
    engine.kill("app");

    await().until(this::appRunning);
    assertThat(reconcileLog.toString()).contains("trigger=event action=start-container target=app");
  }

  @Test
  void aContainerThatKeepsDyingIsHeldBackAndStartedWhenTheBackoffEnds() {
    clock.advance(Duration.ofSeconds(5));
    engine.kill("app");
    await().until(this::appRunning);
    clock.advance(Duration.ofSeconds(5));
    engine.kill("app");

    await().until(() -> appStatus().state() == ObjectState.BACKING_OFF);
    assertThat(appRunning()).isFalse();
    assertThat(appStatus().backingOffUntil()).contains(clock.instant().plusSeconds(10));
    assertThat(reconcileLog.toString()).contains("backing off until 12:00:20");
    // The kill's events may come as a burst: its trailing event pass, if any, runs a rate-limit gap later.
    scheduler.advance(ReconcileLoop.EVENT_PASS_GAP);
    Duration rest = Duration.ofSeconds(10).minus(ReconcileLoop.EVENT_PASS_GAP);
    await().until(() -> scheduler.nextDelay().equals(Optional.of(rest)));

    scheduler.advance(rest);

    await().until(this::appRunning);
  }

  @Test
  void anUnreachableEngineFailsThePassWhichIsRetriedLaterAndLaterUntilItIsBack() {
    clock.advance(Duration.ofSeconds(1)); // past the event pass that followed the startup pass's own events
    engine.setDown(true);
    engine.kill("app");

    await().until(() -> board.latest().orElseThrow().summary().contains("not run: engine unreachable"));
    await().until(() -> scheduler.nextDelay().isPresent());
    Duration firstRetry = scheduler.nextDelay().orElseThrow();
    scheduler.advance(firstRetry);
    await().until(() -> scheduler.nextDelay().filter(d -> d.compareTo(firstRetry) > 0).isPresent());

    engine.setDown(false);
    scheduler.advance(scheduler.nextDelay().orElseThrow());

    await().until(this::appRunning);
  }

  @Test
  void aFileThatWouldRemoveEveryContainerIsReportedOnceAtErrorAndNotRetried() throws IOException {
    clock.advance(Duration.ofSeconds(1));
    Files.writeString(file, "version: 1\nstack: looptest\nnetworks:\n  looptest-net: {}\n");
    passAndWait(Trigger.FILE);
    passAndWait(Trigger.RESYNC);
    passAndWait(Trigger.RESYNC);

    assertThat(board.latest().orElseThrow().summary()).contains("--allow-empty");
    assertThat(scheduler.pending()).describedAs("timers: a refused plan is not retried").isZero();
    assertThat(errorsLogged()).singleElement().asString()
        .contains("declares no containers").contains("waiting for a change of " + file);
    assertThat(engine.find("app")).isPresent();
  }

  @Test
  void aNameClashIsParkedUntilTheClashingContainerChangesThenTriedOnceMore() throws IOException {
    clock.advance(Duration.ofSeconds(1));
    String intruder = engine.addUnmanaged("web", IMAGE, Map.of());
    Files.writeString(file, STACK + """
          web:
            image: localhost/podkeeper-test:1
            network: looptest-net
        """);
    passAndWait(Trigger.FILE);
    passAndWait(Trigger.RESYNC);
    passAndWait(Trigger.RESYNC);

    assertThat(scheduler.pending()).describedAs("timers: a clash is not retried").isZero();
    assertThat(errorsLogged()).singleElement().asString().contains("report-clash web").contains("rename or remove")
        .contains("Not retried until " + file + " or web changes");
    assertThat(reconcileLog.toString()).contains("action=report-clash target=web cause=\"name taken by an unmanaged"
        + " container\" outcome=skipped");

    clock.advance(Duration.ofSeconds(1));
    engine.removeContainer(intruder);

    await().until(() -> engine.find("web").map(c -> c.running() && c.managedBy("looptest")).orElse(false));
  }

  @Test
  void aTransientFailureRetriesThatActionAloneWhenItIsDue() throws IOException {
    clock.advance(Duration.ofSeconds(1));
    refusedCreates.put("web", new EngineException("create container web: Podman says: no space left on device"));
    Files.writeString(file, STACK + """
          web:
            image: localhost/podkeeper-test:1
            network: looptest-net
          api:
            image: localhost/podkeeper-test:1
            network: looptest-net
        """);
    passAndWait(Trigger.FILE);
    await().until(() -> scheduler.nextDelay().isPresent());
    assertThat(scheduler.nextDelay().orElseThrow()).isBetween(Duration.ofMillis(800), Duration.ofSeconds(1));
    assertThat(engine.find("api")).isPresent();

    // A pass before the retry is due leaves web alone (its backoff is its own) and does the rest.
    clock.advance(Duration.ofMillis(500));
    engine.kill("api");
    await().until(() -> engine.find("api").map(ObservedContainer::running).orElse(false));
    assertThat(createAttempts).containsEntry("web", 1);
    assertThat(reconcileLog.toString()).contains("skipped: retry 1 is due at 12:00:02");

    refusedCreates.clear();
    scheduler.advance(Duration.ofMillis(500)); // the retry was due at most 1 s after the failure

    await().until(() -> engine.find("web").map(ObservedContainer::running).orElse(false));
    assertThat(createAttempts).containsEntry("web", 2);
    assertThat(errorsLogged()).isEmpty();
  }

  @Test
  void anEditedFileIsAppliedAndABrokenOneChangesNothing() throws IOException {
    Files.writeString(file, STACK + """
          web:
            image: localhost/podkeeper-test:1
            network: looptest-net
        """);
    loop.request(Trigger.FILE);
    await().until(() -> engine.find("web").map(ObservedContainer::running).orElse(false));

    Files.writeString(file, "version: 1\nstack: looptest\ncontainers: [oops\n");
    loop.request(Trigger.FILE);
    await().until(() -> board.latest().orElseThrow().summary().contains("(file)")
        && reconcileLog.toString().lines().filter(l -> l.contains("trigger=file")).count() >= 2);

    assertThat(engine.find("web")).isPresent();
    assertThat(engine.find("app")).isPresent();
  }
}
