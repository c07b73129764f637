package dev.podkeeper.agent.update;

import static dev.podkeeper.model.parse.Parsing.valid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.agent.reconcile.LogLevel;
import dev.podkeeper.agent.reconcile.LogLine;
import dev.podkeeper.agent.reconcile.ReconcileLog;
import dev.podkeeper.agent.testing.TestClock;
import dev.podkeeper.model.Labels;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.observed.ObservedState;
import dev.podkeeper.model.port.FailureKind;
import dev.podkeeper.model.port.ManifestCheck;
import dev.podkeeper.model.testing.FakeContainerEngine;
import dev.podkeeper.model.testing.FakeImageRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Checks on request or on the interval, findings from labels and checks, and one log line per change. */
class UpdateWatchTest {
  private static final String IMAGE = "registry.test/team/app:latest";
  private static final String OLD = "sha256:" + "a".repeat(64);
  private static final String NEW = "sha256:" + "b".repeat(64);
  private static final DesiredState DESIRED = valid("""
      version: 1
      stack: s
      defaults: { update: { policy: registry, mode: report, interval: 1h } }
      containers:
        a: { image: "registry.test/team/app:latest" }
        b: { image: "registry.test/team/app:latest" }
        pinned: { image: "registry.test/team/app:1" , update: { policy: off } }
      """);

  private final TestClock clock = new TestClock();
  private final FakeImageRegistry registry = new FakeImageRegistry().publish(IMAGE, OLD);
  private final FakeContainerEngine engine = new FakeContainerEngine(clock);
  private final List<LogLine> lines = new CopyOnWriteArrayList<>();
  private final ReconcileLog log = new ReconcileLog(lines::add, clock);

  private UpdateWatch watch(UpdateSchedule schedule) {
    engine.addUnmanaged("a", IMAGE, Map.of(Labels.STACK, "s", Labels.IMAGE_DIGEST, OLD));
    engine.addUnmanaged("b", IMAGE, Map.of(Labels.STACK, "s", Labels.IMAGE_DIGEST, OLD));
    return new UpdateWatch(new RegistryChecks(registry, clock, () -> 0.5), engine, schedule, log, UpdateEvents.NONE);
  }

  private ObservedState observed() {
    return new ObservedState(engine.listContainers(), engine.listNetworks(), Map.of());
  }

  @Test
  void planAndApplyAskOnlyWhenToldAndThenEveryReferenceOnce() {
    UpdateWatch watch = watch(UpdateSchedule.ON_REQUEST);

    List<UpdateFinding> unasked = watch.observe(DESIRED, observed());
    watch.checkNow();
    List<UpdateFinding> asked = watch.observe(DESIRED, observed());

    assertThat(unasked).extracting(UpdateFinding::state).containsOnly(UpdateFinding.State.NOT_CHECKED);
    assertThat(asked).extracting(UpdateFinding::container).containsExactly("a", "b");
    assertThat(asked).extracting(UpdateFinding::state).containsOnly(UpdateFinding.State.UP_TO_DATE);
    assertThat(registry.requests()).as("one HEAD for the reference both follow").isEqualTo(1);
    assertThat(lines).as("up to date is no line").isEmpty();
  }

  @Test
  void aMovedTagIsOneUpdateAvailableLinePerContainerWithBothDigests() {
    UpdateWatch watch = watch(UpdateSchedule.INTERVALS);
    watch.observe(DESIRED, observed());
    registry.publish(IMAGE, NEW);

    clock.advance(Duration.ofMinutes(30));
    watch.observe(DESIRED, observed());
    assertThat(lines).as("not due yet").isEmpty();

    clock.advance(Duration.ofMinutes(31));
    watch.observe(DESIRED, observed());
    watch.observe(DESIRED, observed());

    assertThat(registry.requests()).isEqualTo(2);
    assertThat(lines).hasSize(2).allSatisfy(line -> {
      assertThat(line.level()).isEqualTo(LogLevel.INFO);
      assertThat(line.fields()).containsEntry("event", "update-available").containsEntry("running", OLD)
          .containsEntry("available", NEW).containsEntry("mode", "report").containsEntry("image", IMAGE);
    });
    assertThat(lines).extracting(l -> l.fields().get("target")).containsExactly("a", "b");
  }

  @Test
  void aFailedCheckIsOneWarningPerChangeOfReasonNeverUpToDate() {
    UpdateWatch watch = watch(UpdateSchedule.ON_REQUEST);
    registry.answerFor("registry.test", new ManifestCheck.Failed("connect timed out", FailureKind.TRANSIENT));

    for (int i = 0; i < 3; i++) {
      watch.checkNow();
      assertThat(watch.observe(DESIRED, observed())).extracting(UpdateFinding::state)
          .containsOnly(UpdateFinding.State.CHECK_FAILED);
    }
    registry.answerFor("registry.test", new ManifestCheck.Failed("manifest unknown (HTTP 404)", FailureKind.PERMANENT));
    watch.checkNow();
    watch.observe(DESIRED, observed());

    assertThat(lines).hasSize(4).allSatisfy(line -> {
      assertThat(line.level()).isEqualTo(LogLevel.WARN);
      assertThat(line.fields()).containsEntry("event", "update-check-failed").containsEntry("running", OLD);
    });
    assertThat(lines).extracting(l -> l.fields().get("reason"))
        .containsExactly("connect timed out", "connect timed out", "manifest unknown (HTTP 404)",
            "manifest unknown (HTTP 404)");
  }

  @Test
  void aHeldBackDigestIsNotAnUpdate() {
    engine.addUnmanaged("a", IMAGE, Map.of(Labels.STACK, "s", Labels.IMAGE_DIGEST, OLD, Labels.HELD_BACK_DIGEST, NEW));
    UpdateWatch watch = new UpdateWatch(new RegistryChecks(registry, clock, () -> 0.5), engine,
        UpdateSchedule.ON_REQUEST, log, UpdateEvents.NONE);
    registry.publish(IMAGE, NEW);
    watch.checkNow();

    assertThat(watch.observe(DESIRED, observed())).filteredOn(f -> f.container().equals("a"))
        .extracting(UpdateFinding::state).containsExactly(UpdateFinding.State.HELD_BACK);
    assertThat(lines).filteredOn(l -> l.fields().get("target").equals("a"))
        .singleElement().satisfies(l -> assertThat(l.fields()).containsEntry("event", "held-back"));
  }

  @Test
  void aLocalPolicyComparesTheTagsLocalImageWithTheContainersAndAsksNoRegistry() {
    DesiredState local = valid("""
        version: 1
        stack: s
        containers:
          l: { image: "localhost/app:latest", update: { policy: local } }
        """);
    engine.withImage("localhost/app:latest", "sha256:" + "1".repeat(64), java.util.Set.of());
    engine.createContainer(new dev.podkeeper.model.port.ResolvedContainer(local.containers().get("l"), Map.of(),
        java.util.Optional.empty(), "s", "h"));
    UpdateWatch watch = new UpdateWatch(new RegistryChecks(registry, clock, () -> 0.5), engine,
        UpdateSchedule.ON_REQUEST, log, UpdateEvents.NONE);

    assertThat(watch.observe(local, observed())).extracting(UpdateFinding::state)
        .containsExactly(UpdateFinding.State.UP_TO_DATE);
    engine.withImage("localhost/app:latest", "sha256:" + "2".repeat(64), java.util.Set.of()); // pulled or built anew
    assertThat(watch.observe(local, observed())).extracting(UpdateFinding::state)
        .containsExactly(UpdateFinding.State.UPDATE_AVAILABLE);

    assertThat(registry.requests()).isZero();
    assertThat(lines).singleElement().satisfies(l -> assertThat(l.fields())
        .containsEntry("event", "update-available").containsEntry("target", "l")
        .containsEntry("running", "sha256:" + "1".repeat(64)).containsEntry("available", "sha256:" + "2".repeat(64)));
  }

  @Test
  void theNextCheckIsMovedByAtMostATenthOfTheInterval() {
    registry.publish(IMAGE, OLD);
    RegistryChecks early = new RegistryChecks(registry, clock, () -> 0.0);
    early.checkDue(DESIRED, false);
    clock.advance(Duration.ofMinutes(53));
    assertThat(early.checkDue(DESIRED, false)).isZero();
    clock.advance(Duration.ofMinutes(1));
    assertThat(early.checkDue(DESIRED, false)).isEqualTo(1);
  }
}
