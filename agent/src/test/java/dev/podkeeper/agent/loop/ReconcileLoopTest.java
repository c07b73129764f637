package dev.podkeeper.agent.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.podkeeper.agent.lifecycle.ManualScheduler;
import dev.podkeeper.agent.testing.TestClock;
import dev.podkeeper.agent.reconcile.Trigger;
import dev.podkeeper.model.port.EngineException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ReconcileLoopTest {
  private final TestClock clock = new TestClock();
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final List<PassRequest> passes = new CopyOnWriteArrayList<>();
  private ReconcileLoop loop;

  @AfterEach
  void stop() throws InterruptedException {
    if (loop != null) {
      loop.stop();
    }
  }

  private ReconcileLoop loopWith(Function<PassRequest, PassOutcome> pass) {
    loop = new ReconcileLoop(request -> {
      passes.add(request);
      return pass.apply(request);
    }, scheduler, clock, RetryPolicy.exact(ExponentialBackoff.PASS_RETRY));
    return loop;
  }

  @Test
  void aRequestRunsAPass() {
    loopWith(request -> PassOutcome.ok()).request(Trigger.STARTUP);

    await().until(() -> passes.size() == 1);
    assertThat(passes.get(0)).isEqualTo(new PassRequest(1, Set.of(Trigger.STARTUP)));
  }

  @Test
  void requestsDuringAPassMergeIntoOneFollowingPassRunAloneAtATime() throws InterruptedException {
    CountDownLatch firstPassEntered = new CountDownLatch(1);
    CountDownLatch releaseFirstPass = new CountDownLatch(1);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    loopWith(request -> {
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      if (request.passId() == 1) {
        firstPassEntered.countDown();
        awaitQuietly(releaseFirstPass);
      }
      running.decrementAndGet();
      return PassOutcome.ok();
    }).request(Trigger.STARTUP);
    assertThat(firstPassEntered.await(10, TimeUnit.SECONDS)).isTrue();

    loop.request(Trigger.FILE);
    loop.request(Trigger.EVENT);
    loop.request(Trigger.EVENT);
    loop.request(Trigger.SIGNAL);
    releaseFirstPass.countDown();

    await().until(() -> passes.size() == 2);
    assertThat(passes.get(1).triggers()).containsExactlyInAnyOrder(Trigger.FILE, Trigger.EVENT, Trigger.SIGNAL);
    assertThat(passes.get(1).triggerWords()).isEqualTo("file,event,signal");
    // Nothing was left over: the next request gets a pass of its own.
    loop.request(Trigger.MANUAL);
    await().until(() -> passes.size() == 3);
    assertThat(passes.get(2).triggers()).containsExactly(Trigger.MANUAL);
    assertThat(mostAtOnce).hasValue(1);
  }

  @Test
  void aFailingPassIsRetriedWithDoublingDelaysUntilItSucceeds() {
    AtomicInteger calls = new AtomicInteger();
    loopWith(request -> {
      if (calls.incrementAndGet() <= 3) {
        throw new EngineException("list containers: engine unreachable: connection refused");
      }
      return PassOutcome.ok();
    }).request(Trigger.STARTUP);

    for (int attempt = 1; attempt <= 3; attempt++) {
      int passesSoFar = attempt;
      await().until(() -> passes.size() == passesSoFar && scheduler.pending() == 1);
      assertThat(scheduler.nextDelay()).contains(Duration.ofSeconds(1L << (attempt - 1)));
      scheduler.advance(scheduler.nextDelay().orElseThrow());
    }

    await().until(() -> passes.size() == 4);
    // A retry keeps the reason of the pass that failed.
    assertThat(passes).extracting(PassRequest::triggers).containsOnly(Set.of(Trigger.STARTUP));
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void aPassThatSucceedsCancelsThePendingRetry() {
    AtomicInteger calls = new AtomicInteger();
    loopWith(request -> calls.incrementAndGet() == 1 ? PassOutcome.failure() : PassOutcome.ok()).request(Trigger.STARTUP);
    await().until(() -> scheduler.pending() == 1);

    loop.request(Trigger.EVENT);

    await().until(() -> passes.size() == 2 && scheduler.pending() == 0);
  }

  @Test
  void anEventStormGetsOnePassPerGapWithItsRequestsMerged() {
    loopWith(request -> PassOutcome.ok()).request(Trigger.EVENT);
    await().until(() -> passes.size() == 1);

    for (int i = 0; i < 100; i++) {
      loop.request(Trigger.EVENT);
    }
    await().until(() -> scheduler.pending() == 1);
    assertThat(passes).hasSize(1);
    assertThat(scheduler.nextDelay()).contains(ReconcileLoop.EVENT_PASS_GAP);

    scheduler.advance(ReconcileLoop.EVENT_PASS_GAP);

    await().until(() -> passes.size() == 2);
    assertThat(passes.get(1).triggers()).containsExactly(Trigger.EVENT);
    // Any other reason for a pass does not wait, and takes the waiting events along.
    loop.request(Trigger.EVENT);
    loop.request(Trigger.FILE);
    await().until(() -> passes.size() == 3 && scheduler.pending() == 0);
    assertThat(passes.get(2).triggers()).containsExactlyInAnyOrder(Trigger.EVENT, Trigger.FILE);
  }

  @Test
  void wakesForAResyncPassWhenTheRunnerAsks() {
    Instant backoffEnds = clock.instant().plusSeconds(20);
    loopWith(request -> request.passId() == 1
        ? new PassOutcome(false, Optional.of(backoffEnds))
        : PassOutcome.ok()).request(Trigger.STARTUP);
    await().until(() -> scheduler.pending() == 1);
    assertThat(scheduler.nextDelay()).contains(Duration.ofSeconds(20));

    scheduler.advance(Duration.ofSeconds(20));

    await().until(() -> passes.size() == 2);
    assertThat(passes.get(1).triggers()).containsExactly(Trigger.RESYNC);
  }

  @Test
  void runsNothingOnceStopped() throws InterruptedException {
    loopWith(request -> PassOutcome.ok()).request(Trigger.STARTUP);
    await().until(() -> passes.size() == 1);

    loop.stop();
    loop.request(Trigger.FILE);

    assertThat(loop.passesStarted()).isEqualTo(1);
  }

  @Test
  void anErrorEscapingAPassGoesToTheFatalHandlerAndNoPassRunsAfterIt() throws InterruptedException {
    List<Throwable> fatal = new CopyOnWriteArrayList<>();
    loop = new ReconcileLoop(request -> {
      passes.add(request);
      throw new OutOfMemoryError("Java heap space");
    }, scheduler, clock, new PassHeartbeat(), fatal::add);

    loop.request(Trigger.STARTUP);

    await().until(() -> fatal.size() == 1);
    assertThat(fatal.get(0)).isInstanceOf(OutOfMemoryError.class);
    loop.request(Trigger.FILE);
    assertThat(scheduler.pending()).as("no retry of a pass that ends the process").isZero();
    assertThat(loop.passesStarted()).isEqualTo(1);
  }

  @Test
  void anUnexpectedExceptionIsLoggedWithItsStackTraceOnceNotAtEveryRetry() {
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    Logger loopLog = (Logger) LoggerFactory.getLogger(ReconcileLoop.class);
    logged.start();
    loopLog.addAppender(logged);
    try {
      loopWith(request -> {
        if (request.passId() <= 3) {
          throw new NullPointerException("Cannot invoke \"String.length()\" because \"name\" is null");
        }
        throw new EngineException("list containers: engine unreachable: connection refused");
      }).request(Trigger.STARTUP);
      for (int pass = 1; pass <= 4; pass++) {
        int seen = pass;
        await().until(() -> passes.size() == seen && scheduler.pending() == 1);
        scheduler.advance(scheduler.nextDelay().orElseThrow());
      }
      await().until(() -> logged.list.stream().filter(e -> e.getMessage().startsWith("a pass")).count() >= 4);
    } finally {
      loopLog.detachAppender(logged);
    }

    List<ILoggingEvent> failures = logged.list.stream().filter(e -> e.getMessage().startsWith("a pass")).toList();
    assertThat(failures).filteredOn(e -> e.getThrowableProxy() != null).singleElement()
        .satisfies(e -> assertThat(e.getThrowableProxy().getClassName()).isEqualTo("java.lang.NullPointerException"));
    assertThat(failures.get(3).getFormattedMessage())
        .isEqualTo("a pass (startup) failed: list containers: engine unreachable: connection refused");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
