package dev.podkeeper.agent.update;

import static dev.podkeeper.agent.update.FollowedApp.IMAGE;
import static dev.podkeeper.agent.update.FollowedApp.V1;
import static dev.podkeeper.agent.update.FollowedApp.V1_ID;
import static dev.podkeeper.agent.update.FollowedApp.V2;
import static dev.podkeeper.agent.update.FollowedApp.V2_ID;
import static dev.podkeeper.model.parse.Parsing.valid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.agent.execute.Executor;
import dev.podkeeper.agent.execute.ExecutorOptions;
import dev.podkeeper.agent.observe.NoReverseProxy;
import dev.podkeeper.agent.observe.ProxyObserver;
import dev.podkeeper.agent.observe.WorldObserver;
import dev.podkeeper.agent.plan.Action;
import dev.podkeeper.agent.plan.ActionKind;
import dev.podkeeper.agent.plan.Hold;
import dev.podkeeper.agent.plan.PlannerOptions;
import dev.podkeeper.agent.reconcile.LogLevel;
import dev.podkeeper.agent.reconcile.LogLine;
import dev.podkeeper.agent.reconcile.PassResult;
import dev.podkeeper.agent.reconcile.ReconcileLog;
import dev.podkeeper.agent.reconcile.ReconcilePass;
import dev.podkeeper.agent.reconcile.Trigger;
import dev.podkeeper.agent.testing.TestClock;
import dev.podkeeper.model.Labels;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.observed.ObservedContainer;
import dev.podkeeper.model.port.LocalImage;
import dev.podkeeper.model.testing.FakeContainerEngine;
import dev.podkeeper.model.testing.FakeHostFiles;
import dev.podkeeper.model.testing.FakeImageRegistry;
import dev.podkeeper.model.testing.FakeUnitManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Image updates performed by the reconcile pass on the fake engine and registry: pull, the previous image kept,
 * recreate, health gate, and rollback with the new digest held back; and {@code policy: local}'s, on an image
 * tagged in the engine's store, which nothing pulls.
 */
class ImageUpdateApplyTest {
  private static final String ROLLBACK_IMAGE = "localhost/podkeeper-rollback/s-app:previous";

  private final TestClock clock = new TestClock();
  private final FakeImageRegistry registry = new FakeImageRegistry().publish(IMAGE, V1);
  private final FakeContainerEngine engine = new FakeContainerEngine(clock).withImage(IMAGE, V1_ID, Set.of(V1))
      .withImage("localhost/side:1");
  private final List<LogLine> lines = new CopyOnWriteArrayList<>();
  private final ReconcileLog log = new ReconcileLog(lines::add, clock);
  private final List<String> counted = new CopyOnWriteArrayList<>();
  private final UpdateWatch watch = new UpdateWatch(new RegistryChecks(registry, clock, () -> 0.5), engine,
      UpdateSchedule.ON_REQUEST, log, counted::add);
  private final AtomicInteger passes = new AtomicInteger();
  private final ReconcilePass pass = new ReconcilePass(
      new WorldObserver(engine, new FakeUnitManager(), new FakeHostFiles()), ProxyObserver.NONE,
      new Executor(engine, new FakeUnitManager(), new FakeHostFiles(), NoReverseProxy.INSTANCE, clock, clock::advance,
          new ExecutorOptions(2, Duration.ofSeconds(1)), watch),
      log, clock, () -> "pass" + passes.incrementAndGet(), watch);

  private static DesiredState stack(String update) {
    return FollowedApp.stack(update, "");
  }

  private static final DesiredState APPLY = stack("{ policy: registry, healthTimeout: 30s }");

  /** The stack runs v1; then v2 is pushed under the same tag, and the next pass checks. */
  private PassResult pushV2AndCheck(DesiredState desired) throws InterruptedException {
    assertThat(pass.run(desired, Trigger.MANUAL, PlannerOptions.DEFAULT).converged()).isTrue();
    registry.publish(IMAGE, V2);
    engine.publish(IMAGE, V2_ID, Set.of(V2));
    watch.checkNow();
    return pass.run(desired, Trigger.MANUAL, PlannerOptions.DEFAULT);
  }

  private ObservedContainer app() {
    return engine.find("app").orElseThrow();
  }

  private String imageOf(String container) {
    return engine.containerImage(engine.find(container).orElseThrow().id()).map(LocalImage::id).orElseThrow();
  }

  private List<LogLine> events(String event) {
    return lines.stream().filter(l -> event.equals(l.fields().get("event"))).toList();
  }

  @Test
  void aMovedTagIsPulledAndTheContainerRecreatedOnItKeepingThePreviousImage() throws InterruptedException {
    PassResult result = pushV2AndCheck(APPLY);

    assertThat(result.converged()).as(lines.toString()).isTrue();
    assertThat(result.results()).extracting(r -> r.action().id(), r -> r.action().cause()).contains(
        org.assertj.core.groups.Tuple.tuple("recreate-container:app",
            "update-available sha256:aaaaaaaaaaaa → sha256:bbbbbbbbbbbb"));
    assertThat(imageOf("app")).isEqualTo(V2_ID);
    assertThat(app().running()).isTrue();
    assertThat(app().labels()).containsEntry(Labels.IMAGE_DIGEST, V2).doesNotContainKey(Labels.HELD_BACK_DIGEST);
    assertThat(engine.inspectImage(ROLLBACK_IMAGE).map(LocalImage::id)).contains(V1_ID);
    assertThat(counted).as("what podkeeper_image_updates_total counts").containsSubsequence("update-available",
        "updated");
    assertThat(engine.find("side").orElseThrow().running()).as("the namespace member follows").isTrue();
    assertThat(events("updated")).singleElement().satisfies(l -> assertThat(l.fields())
        .containsEntry("target", "app").containsEntry("from", V1).containsEntry("to", V2));

    watch.checkNow();
    assertThat(pass.run(APPLY, Trigger.MANUAL, PlannerOptions.DEFAULT).results()).as("up to date now").isEmpty();
  }

  @Test
  void anUpdateThatFailsItsGateIsRolledBackAndItsDigestHeldBackUntilTheTagMovesAgain() throws InterruptedException {
    engine.crashOnStart(V2_ID);

    PassResult result = pushV2AndCheck(APPLY);

    assertThat(result.converged()).as(lines.toString()).isTrue();
    assertThat(imageOf("app")).isEqualTo(V1_ID);
    assertThat(app().running()).isTrue();
    assertThat(app().labels()).containsEntry(Labels.IMAGE_DIGEST, V1).containsEntry(Labels.HELD_BACK_DIGEST, V2);
    assertThat(engine.inspectImage(IMAGE).map(LocalImage::id)).as("the reference names v1 again").contains(V1_ID);
    assertThat(events("rolled-back")).singleElement().satisfies(l -> {
      assertThat(l.level()).isEqualTo(LogLevel.WARN);
      assertThat(l.fields()).containsEntry("from", V1).containsEntry("to", V2)
          .containsEntry("reason", "exited 1");
    });
    assertThat(events("updated")).isEmpty();

    watch.checkNow();
    PassResult next = pass.run(APPLY, Trigger.MANUAL, PlannerOptions.DEFAULT);
    assertThat(next.results()).as("held back: not tried again").isEmpty();
    assertThat(watch.findings()).filteredOn(f -> f.container().equals("app")).extracting(UpdateFinding::state)
        .containsExactly(UpdateFinding.State.HELD_BACK);
    assertThat(events("held-back")).as("said once, by the rollback").hasSize(1);
    assertThat(counted).containsSubsequence("rolled-back", "held-back").doesNotContain("updated");
  }

  @Test
  void aRecreateForASpecChangeDropsTheHeldBackLabelSoTheDigestIsTriedAgain() throws InterruptedException {
    engine.crashOnStart(V2_ID);
    pushV2AndCheck(APPLY);
    assertThat(app().labels()).containsEntry(Labels.HELD_BACK_DIGEST, V2);
    DesiredState edited = FollowedApp.stack("{ policy: registry, healthTimeout: 30s }", FollowedApp.EDITED_ENV);

    PassResult changed = pass.run(edited, Trigger.MANUAL, PlannerOptions.DEFAULT);

    assertThat(changed.results()).extracting(r -> r.action().id(), r -> r.action().cause()).contains(
        org.assertj.core.groups.Tuple.tuple("recreate-container:app", "spec changed: env +MODE=edited"));
    assertThat(app().labels()).doesNotContainKeys(Labels.HELD_BACK_DIGEST, Labels.IMAGE_DIGEST,
        Labels.UPDATE_GATE_UNTIL, Labels.PREVIOUS_DIGEST);
    watch.checkNow();
    PassResult tried = pass.run(edited, Trigger.MANUAL, PlannerOptions.DEFAULT);
    assertThat(tried.results()).extracting(r -> r.action().id()).as("no longer held back: tried again")
        .contains("recreate-container:app");
    assertThat(events("rolled-back")).as("and rolled back again, still broken").hasSize(2);
  }

  @Test
  void aHealthCheckThatStaysUnhealthyForTheWholeTimeoutFailsTheGate() throws InterruptedException {
    DesiredState checked = valid("""
        version: 1
        stack: s
        containers:
          app:
            image: "registry.test/team/app:latest"
            update: { policy: registry, healthTimeout: 30s }
            health: { test: ["CMD-SHELL", "true"], interval: 5s, timeout: 2s, retries: 3 }
        """);
    pass.run(checked, Trigger.MANUAL, PlannerOptions.DEFAULT);
    engine.failHealthChecksOf("app");
    Instant before = clock.instant();

    pushV2AndCheck(checked);

    assertThat(imageOf("app")).isEqualTo(V1_ID);
    assertThat(events("rolled-back")).singleElement()
        .satisfies(l -> assertThat(l.fields()).containsEntry("reason", "still unhealthy after 30 s"));
    assertThat(Duration.between(before, clock.instant())).as("the gate waited its timeout")
        .isGreaterThanOrEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void withoutRollbackAFailedGateLeavesTheNewImageAndFailsTheAction() throws InterruptedException {
    engine.crashOnStart(V2_ID);

    PassResult result = pushV2AndCheck(stack("{ policy: registry, rollback: false, healthTimeout: 30s }"));

    assertThat(imageOf("app")).isEqualTo(V2_ID);
    assertThat(result.results()).filteredOn(r -> r.action().id().equals("recreate-container:app")).singleElement()
        .satisfies(r -> {
          assertThat(r.failureKind()).contains(dev.podkeeper.model.port.FailureKind.PERMANENT);
          assertThat(r.error().orElseThrow()).contains("failed its health gate: exited 1", "rollback is off");
        });
    assertThat(events("rolled-back")).isEmpty();
    assertThat(pass.run(stack("{ policy: registry, rollback: false, healthTimeout: 30s }"), Trigger.MANUAL,
        PlannerOptions.DEFAULT).results()).extracting(r -> r.action().id())
        .as("the gate is over: the exited container is started, its gate not run again")
        .contains("start-container:app").doesNotContain("finish-update-gate:app");
  }

  private static final DesiredState LOCAL = stack("{ policy: local, healthTimeout: 30s }");
  private static final String V3_ID = "sha256:" + "3".repeat(64);

  /** The stack runs v1; then an image is built under another name and tagged with the followed one. */
  private PassResult tagLocally(String built, String id) throws InterruptedException {
    engine.withImage(built, id, Set.of());
    engine.tagImage(built, IMAGE);
    return pass.run(LOCAL, Trigger.MANUAL, PlannerOptions.DEFAULT);
  }

  @Test
  void aLocalTagOnAnotherImageRecreatesTheContainerOnItWithoutAPull() throws InterruptedException {
    assertThat(pass.run(LOCAL, Trigger.MANUAL, PlannerOptions.DEFAULT).converged()).isTrue();
    engine.publish(IMAGE, V3_ID, Set.of()); // what a pull would fetch: not what was tagged

    PassResult result = tagLocally("localhost/app:v2", V2_ID);

    assertThat(result.converged()).as(lines.toString()).isTrue();
    assertThat(result.results()).extracting(r -> r.action().id(), r -> r.action().cause()).contains(
        org.assertj.core.groups.Tuple.tuple("recreate-container:app",
            "update-available sha256:111111111111 → sha256:222222222222"));
    assertThat(imageOf("app")).as("the tagged image, not pulled").isEqualTo(V2_ID);
    assertThat(app().labels()).as("the digest labels hold image IDs").containsEntry(Labels.IMAGE_DIGEST, V2_ID)
        .containsEntry(Labels.PREVIOUS_DIGEST, V1_ID).containsKey(Labels.UPDATE_GATE_UNTIL);
    assertThat(engine.inspectImage(ROLLBACK_IMAGE).map(LocalImage::id)).contains(V1_ID);
    assertThat(engine.find("side").orElseThrow().running()).as("the namespace member follows").isTrue();
    assertThat(events("updated")).singleElement().satisfies(l -> assertThat(l.fields())
        .containsEntry("from", V1_ID).containsEntry("to", V2_ID));
    assertThat(registry.requests()).as("no registry is asked").isZero();
    assertThat(pass.run(LOCAL, Trigger.MANUAL, PlannerOptions.DEFAULT).results()).as("up to date now").isEmpty();
  }

  @Test
  void aLocalUpdateThatFailsItsGateGivesTheTagBackAndIsNotTriedAgainUntilTheTagNamesAnotherImage()
      throws InterruptedException {
    engine.crashOnStart(V2_ID);
    assertThat(pass.run(LOCAL, Trigger.MANUAL, PlannerOptions.DEFAULT).converged()).isTrue();

    PassResult result = tagLocally("localhost/app:v2", V2_ID);

    assertThat(result.converged()).as(lines.toString()).isTrue();
    assertThat(imageOf("app")).isEqualTo(V1_ID);
    assertThat(app().running()).isTrue();
    assertThat(app().labels()).containsEntry(Labels.IMAGE_DIGEST, V1_ID).containsEntry(Labels.HELD_BACK_DIGEST, V2_ID);
    assertThat(engine.inspectImage(IMAGE).map(LocalImage::id)).as("the tag is given back").contains(V1_ID);
    assertThat(events("rolled-back")).singleElement().satisfies(l -> assertThat(l.fields())
        .containsEntry("from", V1_ID).containsEntry("to", V2_ID).containsEntry("reason", "exited 1"));

    assertThat(pass.run(LOCAL, Trigger.MANUAL, PlannerOptions.DEFAULT).results()).isEmpty();
    assertThat(watch.findings()).filteredOn(f -> f.container().equals("app"))
        .extracting(UpdateFinding::state, UpdateFinding::available)
        .as("shown held back while the tag names what runs")
        .containsExactly(org.assertj.core.groups.Tuple.tuple(UpdateFinding.State.HELD_BACK, java.util.Optional.of(V2_ID)));
    assertThat(tagLocally("localhost/app:v2", V2_ID).results()).as("the same image tagged again: held back")
        .isEmpty();
    assertThat(events("held-back")).as("said once, by the rollback").hasSize(1);

    PassResult another = tagLocally("localhost/app:v3", V3_ID);

    assertThat(another.results()).extracting(r -> r.action().id()).contains("recreate-container:app");
    assertThat(imageOf("app")).isEqualTo(V3_ID);
    assertThat(app().labels()).doesNotContainKey(Labels.HELD_BACK_DIGEST);
    assertThat(events("updated")).singleElement().satisfies(l -> assertThat(l.fields())
        .containsEntry("from", V1_ID).containsEntry("to", V3_ID));
  }

  @Test
  void aLocalTagMovedAgainBeforeTheRecreateLeavesTheContainerForTheNextPass() throws InterruptedException {
    assertThat(pass.run(LOCAL, Trigger.MANUAL, PlannerOptions.DEFAULT).converged()).isTrue();
    String before = app().id();
    engine.withImage("localhost/app:v2", V2_ID, Set.of());
    engine.tagImage("localhost/app:v2", IMAGE);

    // Asked once the findings are made: the tag moves on to v3 between the look and the recreate.
    PassResult raced = pass.run(LOCAL, Trigger.MANUAL, PlannerOptions.DEFAULT, (desired, world) -> {
      engine.withImage("localhost/app:v3", V3_ID, Set.of());
      engine.tagImage("localhost/app:v3", IMAGE);
      return Map.of();
    });

    assertThat(raced.results()).filteredOn(r -> r.action().id().equals("recreate-container:app")).singleElement()
        .satisfies(r -> {
          assertThat(r.failureKind()).contains(dev.podkeeper.model.port.FailureKind.TRANSIENT);
          assertThat(r.error().orElseThrow()).contains("names sha256:333333333333 now, not sha256:222222222222");
        });
    assertThat(app().id()).as("left as it was").isEqualTo(before);
    assertThat(pass.run(LOCAL, Trigger.MANUAL, PlannerOptions.DEFAULT).converged()).isTrue();
    assertThat(imageOf("app")).isEqualTo(V3_ID);
  }

  @Test
  void aContainerInCrashLoopBackoffIsNotUpdated() throws InterruptedException {
    pass.run(APPLY, Trigger.MANUAL, PlannerOptions.DEFAULT);
    String before = app().id();
    registry.publish(IMAGE, V2);
    engine.publish(IMAGE, V2_ID, Set.of(V2));
    watch.checkNow();

    PassResult result = pass.run(APPLY, Trigger.MANUAL, PlannerOptions.DEFAULT, (desired, world) -> Map.of(
        Action.idOf(ActionKind.START_CONTAINER, "app"), new Hold("crash loop: backing off")));

    assertThat(result.results()).isEmpty();
    assertThat(app().id()).isEqualTo(before);
  }

  @Test
  void reportModeNeverApplies() throws InterruptedException {
    DesiredState report = stack("{ policy: registry, mode: report }");
    pass.run(report, Trigger.MANUAL, PlannerOptions.DEFAULT);
    String before = app().id();
    registry.publish(IMAGE, V2);
    engine.publish(IMAGE, V2_ID, Set.of(V2));
    watch.checkNow();

    PassResult result = pass.run(report, Trigger.MANUAL, PlannerOptions.DEFAULT);

    assertThat(result.results()).isEmpty();
    assertThat(app().id()).isEqualTo(before);
    assertThat(imageOf("app")).isEqualTo(V1_ID);
    assertThat(events("update-available")).singleElement()
        .satisfies(l -> assertThat(l.fields()).containsEntry("mode", "report"));
  }
}
