package dev.podkeeper.agent.update;

import static dev.podkeeper.agent.update.FollowedApp.IMAGE;
import static dev.podkeeper.agent.update.FollowedApp.V1;
import static dev.podkeeper.agent.update.FollowedApp.V1_ID;
import static dev.podkeeper.agent.update.FollowedApp.V2;
import static dev.podkeeper.agent.update.FollowedApp.V2_ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.agent.execute.ActionResult;
import dev.podkeeper.agent.execute.Executor;
import dev.podkeeper.agent.execute.ExecutorOptions;
import dev.podkeeper.agent.execute.Sleeper;
import dev.podkeeper.agent.observe.NoReverseProxy;
import dev.podkeeper.agent.observe.ProxyObserver;
import dev.podkeeper.agent.observe.WorldObserver;
import dev.podkeeper.agent.plan.Outcome;
import dev.podkeeper.agent.plan.PlannerOptions;
import dev.podkeeper.agent.reconcile.LogLine;
import dev.podkeeper.agent.reconcile.PassResult;
import dev.podkeeper.agent.reconcile.ReconcileLog;
import dev.podkeeper.agent.reconcile.ReconcilePass;
import dev.podkeeper.agent.reconcile.Trigger;
import dev.podkeeper.agent.testing.TestClock;
import dev.podkeeper.model.Labels;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.observed.ObservedContainer;
import dev.podkeeper.model.port.FailureKind;
import dev.podkeeper.model.port.LocalImage;
import dev.podkeeper.model.testing.FakeContainerEngine;
import dev.podkeeper.model.testing.FakeHostFiles;
import dev.podkeeper.model.testing.FakeImageRegistry;
import dev.podkeeper.model.testing.FakeUnitManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An update gate outlives the process that opened it: its state is in the labels of the container the update
 * created, so that an agent started while it is open (a fresh process: nothing in memory) finishes it, passes it
 * or rolls back and holds the digest back, and an agent that comes back after its deadline leaves the update be.
 */
class UpdateGateResumeTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final TestClock clock = new TestClock();
  private final FakeImageRegistry registry = new FakeImageRegistry().publish(IMAGE, V1);
  private final FakeContainerEngine engine = new FakeContainerEngine(clock).withImage(IMAGE, V1_ID, Set.of(V1))
      .withImage("localhost/side:1");
  private final AtomicInteger passes = new AtomicInteger();

  /** One agent process: what it keeps in memory lives and dies with it. */
  private final class Agent {
    final List<LogLine> lines = new CopyOnWriteArrayList<>();
    final ReconcileLog log = new ReconcileLog(lines::add, clock);
    final UpdateWatch watch;
    final ReconcilePass pass;

    Agent(Sleeper sleeper) {
      this(sleeper, true);
    }

    /** @param looksAtUpdates false: a pass that checks no image and finds no gate ({@link UpdateWatch#NONE}) */
    Agent(Sleeper sleeper, boolean looksAtUpdates) {
      watch = looksAtUpdates ? new UpdateWatch(new RegistryChecks(registry, clock, () -> 0.5), engine,
          UpdateSchedule.ON_REQUEST, log, event -> { }) : UpdateWatch.NONE;
      pass = new ReconcilePass(new WorldObserver(engine, new FakeUnitManager(), new FakeHostFiles()),
          ProxyObserver.NONE, new Executor(engine, new FakeUnitManager(), new FakeHostFiles(), NoReverseProxy.INSTANCE,
              clock, sleeper, new ExecutorOptions(2, Duration.ofSeconds(1)), watch),
          log, clock, () -> "pass" + passes.incrementAndGet(), watch);
    }

    PassResult run(DesiredState desired) throws InterruptedException {
      return pass.run(desired, Trigger.MANUAL, PlannerOptions.DEFAULT);
    }

    List<LogLine> events(String event) {
      return lines.stream().filter(l -> event.equals(l.fields().get("event"))).toList();
    }
  }

  /** An agent whose process is killed the first time a step waits: in the middle of a health gate. */
  private Agent killedDuringTheGate() {
    return new Agent(duration -> {
      throw new IllegalStateException("the agent process is killed");
    });
  }

  private Agent agent() {
    return new Agent(clock::advance);
  }

  private static final String CHECKED = ", health: { test: [\"CMD-SHELL\", \"true\"], interval: 5s, timeout: 2s, "
      + "retries: 3 }";
  private static final DesiredState GATED = FollowedApp.stack("{ policy: registry, healthTimeout: 30s }", CHECKED);
  private static final DesiredState UNCHECKED = FollowedApp.stack("{ policy: registry, healthTimeout: 30s }", "");

  /** Whether the health check fails once v2 is pushed. */
  private boolean v2Unhealthy;

  /** The stack runs v1; then v2 is pushed under the tag, and {@code agent} finds it and performs it. */
  private PassResult updateWith(Agent agent, DesiredState desired) throws InterruptedException {
    assertThat(agent().run(desired).converged()).isTrue();
    if (v2Unhealthy) {
      engine.failHealthChecksOn(V2_ID);
    }
    registry.publish(IMAGE, V2);
    engine.publish(IMAGE, V2_ID, Set.of(V2));
    agent.watch.checkNow();
    return agent.run(desired);
  }

  private ObservedContainer app() {
    return engine.find("app").orElseThrow();
  }

  private String imageOf(String container) {
    return engine.containerImage(engine.find(container).orElseThrow().id()).map(LocalImage::id).orElseThrow();
  }

  private static List<String> actions(PassResult result) {
    return result.results().stream().map(r -> r.action().id()).toList();
  }

  private static ActionResult result(PassResult pass, String id) {
    return pass.results().stream().filter(r -> r.action().id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void theContainerAnUpdateCreatesSaysUntilWhenItsGateIsOpenAndWhatItRanBefore() throws InterruptedException {
    v2Unhealthy = true;
    Instant opened = clock.instant();

    PassResult killed = updateWith(killedDuringTheGate(), GATED);

    assertThat(result(killed, "recreate-container:app").outcome()).isEqualTo(Outcome.FAILED);
    assertThat(imageOf("app")).isEqualTo(V2_ID);
    assertThat(app().labels()).containsEntry(Labels.IMAGE_DIGEST, V2).containsEntry(Labels.PREVIOUS_DIGEST, V1)
        .containsEntry(Labels.UPDATE_GATE_UNTIL, opened.plus(TIMEOUT).toString());
  }

  @Test
  void anAgentStartedDuringTheGateWaitsForItsDeadlineThenRollsBackAndHoldsTheDigestBack()
      throws InterruptedException {
    v2Unhealthy = true;
    Instant deadline = clock.instant().plus(TIMEOUT);
    updateWith(killedDuringTheGate(), GATED);
    clock.advance(Duration.ofSeconds(10));

    Agent fresh = agent();
    PassResult resumed = fresh.run(GATED);

    assertThat(resumed.converged()).as(fresh.lines.toString()).isTrue();
    assertThat(result(resumed, "finish-update-gate:app").action().cause())
        .isEqualTo("update gate of sha256:bbbbbbbbbbbb open until " + deadline);
    assertThat(clock.instant()).as("the gate lasted until the deadline its labels say").isAfterOrEqualTo(deadline);
    assertThat(imageOf("app")).isEqualTo(V1_ID);
    assertThat(app().labels()).containsEntry(Labels.IMAGE_DIGEST, V1).containsEntry(Labels.HELD_BACK_DIGEST, V2)
        .doesNotContainKeys(Labels.UPDATE_GATE_UNTIL, Labels.PREVIOUS_DIGEST);
    assertThat(fresh.events("rolled-back")).singleElement().satisfies(l -> assertThat(l.fields())
        .containsEntry("from", V1).containsEntry("to", V2).containsEntry("reason", "still unhealthy after 30 s"));
    assertThat(fresh.events("held-back")).hasSize(1);
    assertThat(engine.find("side").orElseThrow().networkNamespace()).as("the member joined the rolled-back app")
        .isEqualTo(app().networkNamespace());

    fresh.watch.checkNow();
    assertThat(fresh.run(GATED).results()).as("held back, and no gate is left").isEmpty();
  }

  @Test
  void aRollbackFoundByALaterAgentTakesTheNamespaceMembersAlong() throws InterruptedException {
    updateWith(killedDuringTheGate(), UNCHECKED);
    assertThat(agentThatRunsNoGate().run(UNCHECKED).results()).extracting(r -> r.action().id())
        .as("the member is created in the new namespace while the gate is open").contains("create-container:side");
    String memberBefore = engine.find("side").orElseThrow().id();
    engine.exit("app", 1);

    PassResult resumed = agent().run(UNCHECKED);

    assertThat(result(resumed, "finish-update-gate:app").outcome()).as(resumed.toString()).isEqualTo(Outcome.OK);
    assertThat(imageOf("app")).isEqualTo(V1_ID);
    ObservedContainer side = engine.find("side").orElseThrow();
    assertThat(side.id()).isNotEqualTo(memberBefore);
    assertThat(side.running()).isTrue();
    assertThat(side.networkNamespace()).isEqualTo(app().networkNamespace());
  }

  /** A pass that knows nothing of updates, as a member joined by hand would be: it joins the gated container. */
  private Agent agentThatRunsNoGate() {
    return new Agent(clock::advance, false);
  }

  @Test
  void aContainerThatExitedUnderAnOpenGateIsRolledBackAtOnceNotStartedAgain() throws InterruptedException {
    updateWith(killedDuringTheGate(), UNCHECKED);
    engine.exit("app", 3);
    Instant before = clock.instant();

    Agent fresh = agent();
    PassResult resumed = fresh.run(UNCHECKED);

    assertThat(actions(resumed)).contains("finish-update-gate:app").doesNotContain("start-container:app");
    assertThat(clock.instant()).isEqualTo(before);
    assertThat(imageOf("app")).isEqualTo(V1_ID);
    assertThat(app().running()).isTrue();
    assertThat(fresh.events("rolled-back")).singleElement()
        .satisfies(l -> assertThat(l.fields()).containsEntry("reason", "exited 3"));
  }

  @Test
  void withoutAHealthCheckAContainerStillRunningAtTheDeadlinePassesTheGateALaterAgentFinishes()
      throws InterruptedException {
    updateWith(killedDuringTheGate(), UNCHECKED);
    String updated = app().id();

    Agent fresh = agent();
    PassResult resumed = fresh.run(UNCHECKED);

    assertThat(result(resumed, "finish-update-gate:app").outcome()).isEqualTo(Outcome.OK);
    assertThat(app().id()).as("not recreated").isEqualTo(updated);
    assertThat(imageOf("app")).isEqualTo(V2_ID);
    assertThat(fresh.events("updated")).singleElement()
        .satisfies(l -> assertThat(l.fields()).containsEntry("from", V1).containsEntry("to", V2));
    assertThat(fresh.events("rolled-back")).isEmpty();
  }

  @Test
  void aGateThatPassedIsNotRunAgainByTheAgentThatSawItPassWhileItsLabelsStillSayOpen() throws InterruptedException {
    Agent agent = agent();
    updateWith(agent, GATED);
    assertThat(agent.events("updated")).hasSize(1);
    assertThat(clock.instant()).as("healthy at once: the gate ended early").isBefore(
        Instant.parse(app().labels().get(Labels.UPDATE_GATE_UNTIL)));

    assertThat(agent.run(GATED).results()).isEmpty();

    Agent fresh = agent();
    PassResult again = fresh.run(GATED);
    assertThat(actions(again)).as("a fresh agent looks again, and a healthy container passes at once")
        .containsExactly("finish-update-gate:app");
    assertThat(fresh.events("updated")).hasSize(1);
    assertThat(imageOf("app")).isEqualTo(V2_ID);
  }

  @Test
  void anAgentThatComesBackAfterTheDeadlineFindsNoGateAndTheUpdateStands() throws InterruptedException {
    v2Unhealthy = true;
    updateWith(killedDuringTheGate(), GATED);
    clock.advance(TIMEOUT);

    Agent late = agent();
    PassResult result = late.run(GATED);

    assertThat(actions(result)).doesNotContain("finish-update-gate:app");
    assertThat(imageOf("app")).isEqualTo(V2_ID);
    assertThat(late.events("rolled-back")).isEmpty();
  }

  @Test
  void withoutRollbackAGateFailedUnderALaterAgentLeavesTheNewImageAndFailsForGood() throws InterruptedException {
    DesiredState noRollback = FollowedApp.stack("{ policy: registry, rollback: false, healthTimeout: 30s }", "");
    updateWith(killedDuringTheGate(), noRollback);
    engine.exit("app", 1);

    PassResult resumed = agent().run(noRollback);

    ActionResult gate = result(resumed, "finish-update-gate:app");
    assertThat(gate.failureKind()).contains(FailureKind.PERMANENT);
    assertThat(gate.error().orElseThrow()).contains("failed its health gate: exited 1", "rollback is off");
    assertThat(imageOf("app")).isEqualTo(V2_ID);
  }

  @Test
  void aSpecChangeDuringTheGateRecreatesTheContainerWithoutAGate() throws InterruptedException {
    v2Unhealthy = true;
    updateWith(killedDuringTheGate(), GATED);
    DesiredState edited = FollowedApp.stack("{ policy: registry, healthTimeout: 30s }", FollowedApp.EDITED_ENV);

    PassResult result = agent().run(edited);

    assertThat(actions(result)).contains("recreate-container:app").doesNotContain("finish-update-gate:app");
    assertThat(app().labels()).doesNotContainKeys(Labels.UPDATE_GATE_UNTIL, Labels.PREVIOUS_DIGEST,
        Labels.IMAGE_DIGEST, Labels.HELD_BACK_DIGEST);
  }
}
