package dev.podkeeper.agent.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podkeeper.agent.execute.Executor;
import dev.podkeeper.agent.execute.ExecutorOptions;
import dev.podkeeper.agent.lifecycle.ManualScheduler;
import dev.podkeeper.agent.testing.TestClock;
import dev.podkeeper.agent.notify.ServiceNotifier;
import dev.podkeeper.agent.observe.WorldObserver;
import dev.podkeeper.agent.reconcile.LogFormat;
import dev.podkeeper.agent.reconcile.ReconcileLog;
import dev.podkeeper.agent.reconcile.ReconcilePass;
import dev.podkeeper.agent.reconcile.Trigger;
import dev.podkeeper.agent.status.ObjectState;
import dev.podkeeper.agent.status.ObjectStatus;
import dev.podkeeper.agent.status.StatusBoard;
import dev.podkeeper.model.observed.ObservedContainer;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  private EngineEventSource events;

  @BeforeEach
  void start() throws IOException {
    file = directory.resolve("stack.yaml");
    Files.writeString(file, STACK);
    store = new DesiredStateStore(file, new ParsedFileLoader());
    assertThat(store.reload()).isEqualTo(DesiredStateStore.Reload.CHANGED);
    FakeUnitManager units = new FakeUnitManager();
    FakeHostFiles files = new FakeHostFiles();
    AtomicInteger ids = new AtomicInteger();
    ReconcilePass pass = new ReconcilePass(new WorldObserver(engine, units, files),
        new Executor(engine, units, files, clock, clock::advance, ExecutorOptions.DEFAULT),
        new ReconcileLog(new PrintWriter(reconcileLog, true), LogFormat.TEXT), clock,
        () -> "p" + ids.incrementAndGet());
    AgentPass agentPass = new AgentPass(store, pass, false, new CrashLoopBackoff(), board,
        new ServiceNotifier(notifications::add), clock);
    loop = new ReconcileLoop(agentPass, scheduler, clock);
    events = new EngineEventSource(engine, new ManagedEventFilter(store::current), loop, scheduler, clock);
    events.start();
    loop.request(Trigger.STARTUP);
    await().until(() -> appRunning() && board.latest().map(s -> s.converged()).orElse(false));
  }

  @AfterEach
  void stop() throws Exception {
    events.stop();
    loop.stop();
  }

  private boolean appRunning() {
    return engine.find("app").map(ObservedContainer::running).orElse(false);
  }

  private ObjectStatus appStatus() {
    return board.latest().orElseThrow().objects().stream().filter(o -> o.name().equals("app")).findFirst()
        .orElseThrow();
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
    await().until(() -> scheduler.nextDelay().isPresent());
    assertThat(scheduler.nextDelay()).contains(Duration.ofSeconds(10));

    scheduler.advance(Duration.ofSeconds(10));

    await().until(this::appRunning);
  }

  @Test
  void anUnreachableEngineFailsThePassWhichIsRetriedLaterAndLaterUntilItIsBack() {
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
