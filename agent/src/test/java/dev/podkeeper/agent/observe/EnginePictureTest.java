package dev.podkeeper.agent.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.agent.execute.ActionResult;
import dev.podkeeper.agent.plan.ActionKind;
import dev.podkeeper.agent.plan.PlannerOptions;
import dev.podkeeper.agent.reconcile.PassResult;
import dev.podkeeper.agent.reconcile.ReconcilePass;
import dev.podkeeper.agent.reconcile.Trigger;
import dev.podkeeper.agent.testing.Harness;
import dev.podkeeper.agent.testing.Stacks;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.observed.ContainerStatus;
import dev.podkeeper.model.observed.ObservedContainer;
import dev.podkeeper.model.port.EngineEvent;
import dev.podkeeper.model.port.EngineEventListener;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The picture of the engine the agent keeps between passes, on the fake engine, its calls counted. */
class EnginePictureTest {
  private final Harness harness = new Harness();
  private final EnginePicture picture = EnginePicture.kept();
  private final DesiredState media = Stacks.media();
  private ReconcilePass pass;

  @BeforeEach
  void convergedWithThePictureFedByEvents() throws Exception {
    harness.engine.subscribeEvents(new EngineEventListener() {
      @Override
      public void onEvent(EngineEvent event) {
        picture.changed(event);
      }

      @Override
      public void onClosed(Throwable cause) {
        picture.gap();
      }
    });
    pass = harness.agentPass(picture);
    assertThat(run(Trigger.STARTUP).convergedObjects()).isEqualTo(run(Trigger.STARTUP).desiredObjects());
    assertThat(run(Trigger.RESYNC).results()).isEmpty(); // lists: the picture is whole from here on
  }

  @Test
  void aPassForEventsThatTouchedNothingCallsTheEngineNever() throws Exception {
    PassResult quiet = run(Trigger.EVENT);

    assertThat(quiet.results()).isEmpty();
    assertThat(quiet.engineCalls()).isZero();
  }

  @Test
  void aKilledContainerIsRepairedByOneInspectAndOneStart() throws Exception {
    harness.engine.kill("prowlarr");

    PassResult repair = run(Trigger.EVENT);

    assertThat(repair.results()).extracting(r -> r.action().kind()).containsExactly(ActionKind.START_CONTAINER);
    assertThat(repair.results()).allMatch(ActionResult::ok);
    assertThat(repair.engineCalls()).as("an inspect of prowlarr, then its start").isEqualTo(2);
    assertThat(harness.engine.find("prowlarr").orElseThrow().running()).isTrue();
  }

  @Test
  void theFollowingPassListsAgainSinceItsOwnActionsChangedTheEngine() throws Exception {
    harness.engine.kill("prowlarr");
    run(Trigger.EVENT);

    PassResult after = run(Trigger.EVENT);

    assertThat(after.results()).isEmpty();
    assertThat(after.engineCalls()).as("both lists").isEqualTo(2);
    assertThat(run(Trigger.EVENT).engineCalls()).as("then the picture again").isZero();
  }

  @Test
  void everyOtherTriggerListsAfresh() throws Exception {
    for (Trigger trigger : new Trigger[] {Trigger.RESYNC, Trigger.FILE, Trigger.SIGNAL, Trigger.MANUAL}) {
      assertThat(run(trigger).engineCalls()).as(trigger.word()).isEqualTo(2);
    }
  }

  @Test
  void aGapInTheStreamMakesTheNextPassList() throws Exception {
    picture.gap();

    assertThat(run(Trigger.EVENT).engineCalls()).isEqualTo(2);
  }

  @Test
  void aNetworkEventMakesTheNextPassList() throws Exception {
    picture.changed(new EngineEvent("network", "disconnect", harness.id("prowlarr"), Map.of(), Instant.EPOCH));

    assertThat(run(Trigger.EVENT).engineCalls()).isEqualTo(2);
  }

  @Test
  void anImageEventLeavesThePictureWhole() throws Exception {
    picture.changed(new EngineEvent("image", "tag", "0".repeat(64), Map.of("name", "localhost/app:latest"),
        Instant.EPOCH));

    assertThat(run(Trigger.EVENT).engineCalls()).isZero();
  }

  @Test
  void aRemovalSeenOnlyInThePictureIsCheckedByAFreshListFirst() throws Exception {
    // The picture says the provider restarted (events), so its member is to be restarted: a stop, hence
    // looked at again with both lists before it is done.
    harness.engine.restart("gluetun");

    PassResult restart = run(Trigger.EVENT);

    assertThat(restart.results()).extracting(r -> r.action().kind()).contains(ActionKind.RESTART_CONTAINER);
    assertThat(restart.engineCalls()).as("inspects of gluetun, then both lists, then the member's restart")
        .isGreaterThanOrEqualTo(4);
    ObservedContainer member = harness.engine.find("qbittorrent").orElseThrow();
    assertThat(member.networkNamespace()).isEqualTo(harness.engine.find("gluetun").orElseThrow().networkNamespace());
  }

  @Test
  void aContainerRemovedByHandIsGoneFromThePictureAndMadeAgain() throws Exception {
    String id = harness.id("prowlarr");
    harness.engine.stopContainer(id, java.time.Duration.ZERO);
    harness.engine.removeContainer(id);

    PassResult again = run(Trigger.EVENT);

    assertThat(again.results()).extracting(r -> r.action().kind()).contains(ActionKind.CREATE_CONTAINER);
    assertThat(harness.engine.find("prowlarr").map(ObservedContainer::status)).contains(ContainerStatus.RUNNING);
  }

  @Test
  void withoutAKeptPictureEveryObservationLists() {
    EnginePicture none = EnginePicture.alwaysList();
    none.look(harness.engine, true);
    long before = harness.engine.callCount();

    assertThat(none.look(harness.engine, true).fromPicture()).isFalse();
    assertThat(harness.engine.callCount() - before).isEqualTo(2);
  }

  private PassResult run(Trigger trigger) throws InterruptedException {
    return pass.run(media, trigger, PlannerOptions.DEFAULT);
  }
}
