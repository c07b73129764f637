package dev.podkeeper.agent.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podkeeper.agent.lifecycle.ExecutorScheduler;
import dev.podkeeper.agent.lifecycle.ManualScheduler;
import dev.podkeeper.agent.observe.EnginePicture;
import dev.podkeeper.agent.testing.TestClock;
import dev.podkeeper.agent.reconcile.Trigger;
import dev.podkeeper.model.Labels;
import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.Defaults;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.NetworkAttachment;
import dev.podkeeper.model.desired.NetworkSpec;
import dev.podkeeper.model.observed.HealthStatus;
import dev.podkeeper.model.port.EngineEvent;
import dev.podkeeper.model.port.EngineException;
import dev.podkeeper.model.port.ResolvedContainer;
import dev.podkeeper.model.testing.FakeContainerEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EngineEventSourceTest {
  private static final String IMAGE = "localhost/test:1";
  private final TestClock clock = new TestClock();
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final FakeContainerEngine fake = new FakeContainerEngine(clock).withImage(IMAGE);
  private final BreakableEvents engine = new BreakableEvents(fake);
  private final RecordingRequester loop = new RecordingRequester();
  private final ContainerSpec app = ContainerSpec.builder("app", IMAGE, new NetworkAttachment.Bridge("net")).build();
  private final DesiredState desired = new DesiredState(Path.of("/etc/podkeeper/stack.yaml"), "demo", Defaults.NONE,
      Map.of(), List.of(), Map.of(), Map.of(), Map.of("app", app));
  private final EngineEventSource source = new EngineEventSource(engine, new ManagedEventFilter(() -> Optional.of(desired)),
      loop, scheduler, clock, EnginePicture.alwaysList(), Runnable::run);

  @BeforeEach
  void start() {
    fake.startContainer(fake.createContainer(new ResolvedContainer(app, Map.of(), Optional.empty(), "demo", "h1")));
    fake.addUnmanaged("someone-else", IMAGE, Map.of());
    source.start();
  }

  @AfterEach
  void stop() throws Exception {
    source.stop();
  }

  @Test
  void aManagedContainerDyingAsksForAPass() {
    fake.kill("app");

    assertThat(loop.requests()).isNotEmpty().containsOnly(Trigger.EVENT);
  }

  @Test
  void objectsNotOursAreIgnored() {
    fake.createNetwork(new NetworkSpec("someone-elses", Optional.empty(), Optional.empty(), true), Map.of());
    fake.removeNetwork("someone-elses");

    assertThat(loop.requests()).isEmpty();
  }

  @Test
  void aRepeatedHealthStatusIsNotNews() {
    fake.setHealth("app", HealthStatus.HEALTHY);
    fake.setHealth("app", HealthStatus.HEALTHY);
    fake.setHealth("app", HealthStatus.HEALTHY);
    assertThat(loop.count(Trigger.EVENT)).isEqualTo(1);

    fake.setHealth("app", HealthStatus.UNHEALTHY);
    assertThat(loop.count(Trigger.EVENT)).isEqualTo(2);
  }

  @Test
  void aBrokenStreamIsResubscribedAfterABackoffAndEverythingIsListedAgain() {
    engine.breakStreams(new EngineException("events: unexpected end of stream"));
    assertThat(engine.openStreams()).isZero();
    assertThat(scheduler.nextDelay()).contains(Duration.ofSeconds(1));

    scheduler.advance(Duration.ofSeconds(1));

    assertThat(engine.openStreams()).isEqualTo(1);
    assertThat(loop.requests()).containsExactly(Trigger.RESYNC);
    fake.kill("app");
    assertThat(loop.requests()).contains(Trigger.EVENT);
  }

  @Test
  // The scheduler's one thread runs the loop's spaced-out event passes, retries and watchdog pings: a
  // subscribe there would hold them all up for as long as the engine keeps it waiting (30 s for Podman).
  void aResubscribeWaitingForAHungEngineHoldsUpNoOtherTimer() throws Exception {
    ExecutorScheduler timer = new ExecutorScheduler();
    EngineEventSource onTimer = new EngineEventSource(engine, new ManagedEventFilter(() -> Optional.of(desired)),
        loop, timer, Clock.systemUTC(), EnginePicture.alwaysList());
    CountDownLatch release = new CountDownLatch(1);
    try {
      onTimer.start();
      engine.hangSubscriptions(release);
      engine.breakStreams(new EngineException("events: unexpected end of stream"));
      await().atMost(Duration.ofSeconds(10)).until(engine::aSubscribeHangs); // the resubscribe, a second later

      CountDownLatch otherTimer = new CountDownLatch(1);
      timer.schedule(Duration.ofMillis(10), otherTimer::countDown);

      assertThat(otherTimer.await(5, TimeUnit.SECONDS)).as("a timer due while the subscribe waits has run").isTrue();
    } finally {
      release.countDown();
      onTimer.stop();
      timer.stop();
    }
  }

  @Test
  void whileTheEngineIsDownItIsAskedAgainEveryTwoSeconds() {
    engine.refuseSubscriptions(true);
    engine.breakStreams(null);
    List<Long> delays = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      Duration delay = scheduler.nextDelay().orElseThrow();
      delays.add(delay.toSeconds());
      scheduler.advance(delay);
    }
    assertThat(delays).containsExactly(1L, 2L, 2L, 2L, 2L, 2L, 2L);

    engine.refuseSubscriptions(false);
    scheduler.advance(scheduler.nextDelay().orElseThrow());

    assertThat(engine.openStreams()).isEqualTo(1);
    assertThat(loop.count(Trigger.RESYNC)).isEqualTo(8);
  }

  @Test
  void aStreamThatStayedUpStartsTheBackoffAfresh() {
    engine.breakStreams(null);
    scheduler.advance(Duration.ofSeconds(1));
    engine.breakStreams(null);
    assertThat(scheduler.nextDelay()).contains(Duration.ofSeconds(2));
    scheduler.advance(Duration.ofSeconds(2));

    clock.advance(Duration.ofMinutes(5));
    engine.breakStreams(null);

    assertThat(scheduler.nextDelay()).contains(Duration.ofSeconds(1));
  }

  @Test
  void aSubscribeThatReportsItsEndAndThrowsIsRetriedOnceAtATimeNotTwice() {
    engine.reportThenThrowOnSubscribe(true);
    engine.breakStreams(null);
    for (int i = 0; i < 6; i++) {
      assertThat(scheduler.pending()).as("resubscribes pending after break %d", i + 1).isEqualTo(1);
      scheduler.advance(scheduler.nextDelay().orElseThrow());
    }
    engine.reportThenThrowOnSubscribe(false);
    scheduler.advance(scheduler.nextDelay().orElseThrow());

    assertThat(scheduler.pending()).isZero();
    assertThat(engine.openStreams()).isEqualTo(1);
    assertThat(loop.count(Trigger.RESYNC)).isEqualTo(7);
  }

  @Test
  void aStreamThatReportsItsEndIsClosedAndItsLateEventsAreMuted() {
    EngineEvent death = new EngineEvent("container", "die", "x", Map.of("name", "app"), clock.instant());
    engine.reportEndWithoutClosing(new EngineException("events: unexpected end of stream"));
    assertThat(engine.openStreams()).as("the source closed the stream that ended").isZero();

    engine.deliverLate(death);
    assertThat(loop.requests()).as("a stale stream's event").isEmpty();

    scheduler.advance(scheduler.nextDelay().orElseThrow());
    engine.deliverLate(death);
    assertThat(engine.openStreams()).isEqualTo(1);
    assertThat(loop.requests()).containsExactly(Trigger.RESYNC, Trigger.EVENT);
  }

  @Test
  void stoppingClosesTheStreamWithoutResubscribing() throws Exception {
    source.stop();

    assertThat(engine.openStreams()).isZero();
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void aSignalOrARestartAnnouncedAsksForNoPassButTheDeathAndStartThatFollowDo() {
    ManagedEventFilter filter = new ManagedEventFilter(() -> Optional.of(desired));
    // `podman kill app` and `podman restart app`, as Podman's own stream tells them
    List<String> asked = new ArrayList<>();
    for (String action : List.of("kill", "die", "restart", "die", "start")) {
      if (filter.test(new EngineEvent("container", action, "x", Map.of("name", "app"), clock.instant()))) {
        asked.add(action);
      }
    }

    assertThat(asked).containsExactly("die", "die", "start");
  }

  @Test
  void eventsLabelledWithTheStackCountEvenUnderAnotherNameAndExecsNever() {
    // The fake's events carry only the name; Podman's carry the labels too.
    ManagedEventFilter filter = new ManagedEventFilter(() -> Optional.of(desired));

    assertThat(filter.test(new EngineEvent("container", "die", "x", Map.of("name", "renamed", Labels.STACK, "demo"),
        clock.instant()))).isTrue();
    assertThat(filter.test(new EngineEvent("container", "exec_start", "x", Map.of("name", "app"), clock.instant())))
        .isFalse();
  }
}
