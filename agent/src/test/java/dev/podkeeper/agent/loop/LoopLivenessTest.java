package dev.podkeeper.agent.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podkeeper.agent.execute.Executor;
import dev.podkeeper.agent.execute.ExecutorOptions;
import dev.podkeeper.agent.lifecycle.ManualScheduler;
import dev.podkeeper.agent.notify.ServiceNotifier;
import dev.podkeeper.agent.notify.StartupTimeoutExtension;
import dev.podkeeper.agent.notify.Watchdog;
import dev.podkeeper.agent.observe.WorldObserver;
import dev.podkeeper.agent.reconcile.LogFormat;
import dev.podkeeper.agent.reconcile.ReconcileLog;
import dev.podkeeper.agent.reconcile.ReconcilePass;
import dev.podkeeper.agent.reconcile.Trigger;
import dev.podkeeper.agent.status.StatusBoard;
import dev.podkeeper.agent.testing.ForwardingEngine;
import dev.podkeeper.agent.testing.TestClock;
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
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watchdog and the start-up extension speak for the reconcile loop, not for a timer: a pass that hangs
 * stops both, so that systemd restarts the agent. Time is the manual scheduler's; the passes run on the
 * loop's own worker.
 */
class LoopLivenessTest {
  private static final Duration PASS_DEADLINE = Duration.ofMinutes(10);
  private static final Map<String, String> WATCHDOG_20S = Map.of("WATCHDOG_USEC", "20000000");

  @TempDir Path directory;
  private final TestClock clock = new TestClock();
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final List<String> sent = new CopyOnWriteArrayList<>();
  private final ServiceNotifier notifier = new ServiceNotifier(sent::add);
  private final PassHeartbeat heartbeat = new PassHeartbeat(PASS_DEADLINE);
  private final CountDownLatch release = new CountDownLatch(1);
  private ReconcileLoop loop;

  @AfterEach
  void stop() throws InterruptedException {
    release.countDown();
    if (loop != null) {
      loop.stop();
    }
  }

  private long count(String message) {
    return sent.stream().filter(m -> m.startsWith(message)).count();
  }

  private ReconcileLoop loopOf(PassRunner runner) {
    StartupTimeoutExtension startup = new StartupTimeoutExtension(notifier, scheduler, clock, heartbeat);
    loop = new ReconcileLoop(new NotifyingPassRunner(runner, notifier, startup), scheduler, clock, heartbeat,
        e -> { });
    return loop;
  }

  @Test
  void aPassThatHangsStopsTheWatchdogsPingsAndTheyComeBackWhenItMovesAgain() {
    AtomicInteger entered = new AtomicInteger();
    loopOf(request -> {
      entered.incrementAndGet();
      awaitQuietly(release);
      return PassOutcome.ok();
    });
    Watchdog watchdog = new Watchdog(notifier, scheduler, clock, heartbeat, WATCHDOG_20S, 42);
    watchdog.start();
    assertThat(count("WATCHDOG=1")).as("idle: alive").isEqualTo(1);

    loop.request(Trigger.STARTUP);
    await().until(() -> entered.get() == 1);
    scheduler.advance(PASS_DEADLINE);
    long whileWithinTheDeadline = count("WATCHDOG=1");
    assertThat(whileWithinTheDeadline).as("a long pass within its deadline is alive").isEqualTo(1 + 60);

    scheduler.advance(Duration.ofMinutes(5));
    assertThat(count("WATCHDOG=1")).as("a stuck pass gets no pings").isEqualTo(whileWithinTheDeadline);

    release.countDown();
    await().until(() -> !heartbeat.stuck(clock.instant()).isPresent());
    scheduler.advance(Duration.ofSeconds(10));
    assertThat(count("WATCHDOG=1")).isEqualTo(whileWithinTheDeadline + 1);
    watchdog.stop();
  }

  /** The hung-pass case end to end: the real pass, hung in an engine call that never returns. */
  @Test
  void aPassHungInAnEngineCallStopsThePingsAndTheStartUpExtensions() throws IOException {
    FakeContainerEngine fake = new FakeContainerEngine(clock).withImage("localhost/podkeeper-test:1");
    CountDownLatch listing = new CountDownLatch(1);
    ForwardingEngine hanging = new ForwardingEngine(fake) {
      @Override
      public List<ObservedContainer> listContainers() {
        listing.countDown();
        awaitQuietly(release);
        return super.listContainers();
      }
    };
    Path file = Files.writeString(directory.resolve("stack.yaml"), """
        version: 1
        stack: hung
        networks:
          hung-net: {}
        containers:
          app:
            image: localhost/podkeeper-test:1
            network: hung-net
        """);
    DesiredStateStore store = new DesiredStateStore(file, new ParsedFileLoader());
    assertThat(store.loadFirst()).isEmpty();
    FakeUnitManager units = new FakeUnitManager();
    FakeHostFiles files = new FakeHostFiles();
    AtomicInteger ids = new AtomicInteger();
    ReconcilePass pass = new ReconcilePass(new WorldObserver(hanging, units, files),
        new Executor(hanging, units, files, clock, clock::advance, ExecutorOptions.DEFAULT),
        new ReconcileLog(new PrintWriter(new StringWriter(), true), LogFormat.TEXT), clock,
        () -> "p" + ids.incrementAndGet());
    loopOf(new AgentPass(store, pass, false, new CrashLoopBackoff(), new StatusBoard(), notifier, clock));
    Watchdog watchdog = new Watchdog(notifier, scheduler, clock, heartbeat, WATCHDOG_20S, 42);
    watchdog.start();

    loop.request(Trigger.STARTUP);
    awaitQuietly(listing);
    await().until(() -> count("EXTEND_TIMEOUT_USEC=") == 1);
    scheduler.advance(PASS_DEADLINE.plusMinutes(1));
    long pings = count("WATCHDOG=1");
    long extensions = count("EXTEND_TIMEOUT_USEC=");
    scheduler.advance(Duration.ofMinutes(10));

    assertThat(count("WATCHDOG=1")).isEqualTo(pings);
    assertThat(count("EXTEND_TIMEOUT_USEC=")).isEqualTo(extensions);
    assertThat(count("READY=1")).isZero();
    watchdog.stop();
  }

  @Test
  void aLongFirstPassExtendsTheStartTimeoutUntilItIsReady() {
    AtomicInteger entered = new AtomicInteger();
    loopOf(request -> {
      entered.incrementAndGet();
      awaitQuietly(release);
      notifier.readyWithStatus("pass 1: converged");
      return PassOutcome.ok();
    });

    loop.request(Trigger.STARTUP);
    await().until(() -> entered.get() == 1);
    await().until(() -> count("EXTEND_TIMEOUT_USEC=") == 1);
    scheduler.advance(Duration.ofMinutes(2));

    assertThat(sent).containsOnly("EXTEND_TIMEOUT_USEC=15000000");
    assertThat(count("EXTEND_TIMEOUT_USEC=")).isEqualTo(1 + 2 * 60 / 5);
    release.countDown();
    await().until(() -> count("READY=1") == 1);
    await().until(() -> scheduler.pending() == 0);
    scheduler.advance(Duration.ofMinutes(1));
    assertThat(sent.get(sent.size() - 1)).startsWith("READY=1");
  }

  @Test
  void aFirstPassThatFailsStillSendsReadyWithTheReasonAndLaterFailuresTheStatus() {
    AtomicInteger calls = new AtomicInteger();
    loopOf(request -> {
      calls.incrementAndGet();
      throw new IllegalStateException("no valid desired state has been read from /etc/podkeeper/stack.yaml");
    });

    loop.request(Trigger.STARTUP);
    await().until(() -> count("READY=1") == 1);
    assertThat(sent).last().isEqualTo("READY=1\nSTATUS=the startup pass failed: no valid desired state has been"
        + " read from /etc/podkeeper/stack.yaml; retrying");
    // The retry's timer alone (the start-up extension's is cancelled when the first pass ends).
    // The retry's timer alone (jittered around 1 s): the start-up extension's (every 5 s) ends with the first pass.
    await().until(() -> scheduler.pending() == 1
        && scheduler.nextDelay().orElseThrow().compareTo(StartupTimeoutExtension.PERIOD) < 0);
    scheduler.advance(scheduler.nextDelay().orElseThrow());
    await().until(() -> calls.get() == 2 && count("STATUS=the startup pass failed") == 1);
    assertThat(sent).last().asString().startsWith("STATUS=the startup pass failed");
    assertThat(count("READY=1")).isEqualTo(1);
  }

  static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
