package dev.podkeeper.agent.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.agent.testing.ForwardingEngine;
import dev.podkeeper.agent.testing.Harness;
import dev.podkeeper.agent.testing.Stacks;
import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.NetworkAttachment;
import dev.podkeeper.model.observed.ContainerStatus;
import dev.podkeeper.model.observed.ObservedContainer;
import dev.podkeeper.model.port.ContainerEngine;
import dev.podkeeper.model.port.EngineEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The host's word that a container's process ended, before the engine's: believed at once, verified after. */
class EnginePictureProcessEndsTest {
  private final Harness harness = new Harness();
  private final EnginePicture picture = EnginePicture.kept();
  private final DesiredState media = Stacks.media();
  private ObservedContainer prowlarr;

  @BeforeEach
  void convergedAndListed() throws Exception {
    harness.apply(media);
    picture.look(harness.engine, false);
    prowlarr = harness.engine.find("prowlarr").orElseThrow();
    assertThat(prowlarr.pid()).isPresent();
  }

  @Test
  void theRunningProcessesAreThoseOfTheStacksRunningContainers() {
    String other = harness.engine.runUnmanaged(ContainerSpec.builder("hand-made", "localhost/prowlarr:1",
        new NetworkAttachment.PodmanDefault()).build(), Map.of());
    picture.look(harness.engine, false);

    Map<String, Long> expected = harness.engine.listContainers().stream()
        .filter(c -> c.running() && c.managedBy(media.stack()))
        .collect(Collectors.toMap(ObservedContainer::id, c -> c.pid().orElseThrow()));
    assertThat(picture.runningProcesses(media.stack())).isEqualTo(expected).doesNotContainKey(other)
        .containsEntry(prowlarr.id(), prowlarr.pid().orElseThrow());
  }

  @Test
  void anEndedProcessIsSeenExitedWithoutAskingTheEngineThenVerifiedByTheNextLook() {
    harness.engine.kill("prowlarr");
    picture.processEnded(prowlarr.id(), prowlarr.pid().orElseThrow());
    long before = harness.engine.callCount();

    EnginePicture.Sight sight = picture.look(harness.engine, true);

    assertThat(harness.engine.callCount() - before).as("no engine call").isZero();
    ObservedContainer ended = find(sight, prowlarr.id()).orElseThrow();
    assertThat(ended.status()).isEqualTo(ContainerStatus.EXITED);
    assertThat(ended.exitCode()).as("only the engine can say how it ended").isEmpty();
    assertThat(ended.pid()).isEmpty();
    assertThat(ended.startedAt()).isEqualTo(prowlarr.startedAt());
    assertThat(picture.runningProcesses(media.stack())).doesNotContainKey(prowlarr.id());

    EnginePicture.Sight next = picture.look(harness.engine, true);

    assertThat(harness.engine.callCount() - before).as("then one inspect").isEqualTo(1);
    assertThat(find(next, prowlarr.id()).orElseThrow().exitCode()).isPresent();
  }

  @Test
  void anEndTheEngineAlreadyKnowsOfIsVerifiedAsAnyTouch() {
    harness.engine.kill("prowlarr");
    picture.changed(new EngineEvent("container", "die", prowlarr.id(), Map.of(), Instant.EPOCH));
    picture.look(harness.engine, true); // the die event's pass
    picture.processEnded(prowlarr.id(), prowlarr.pid().orElseThrow());
    long before = harness.engine.callCount();

    EnginePicture.Sight sight = picture.look(harness.engine, true);

    assertThat(harness.engine.callCount() - before).isEqualTo(1);
    assertThat(find(sight, prowlarr.id()).orElseThrow().exitCode()).isPresent();
  }

  @Test
  void aFreshListThatStillShowsTheEndedProcessRunningIsCorrected() {
    harness.engine.kill("prowlarr");
    StaleListEngine engine = new StaleListEngine(harness.engine, prowlarr);
    picture.processEnded(prowlarr.id(), prowlarr.pid().orElseThrow());

    EnginePicture.Sight sight = picture.look(engine, false);

    assertThat(sight.fromPicture()).isFalse();
    assertThat(find(sight, prowlarr.id()).map(ObservedContainer::status)).contains(ContainerStatus.EXITED);
  }

  @Test
  void anotherProcessOfTheContainerIsNotTheEndedOne() {
    harness.engine.kill("prowlarr");
    harness.engine.startContainer(prowlarr.id()); // the engine restarted it: a new process
    picture.changed(new EngineEvent("container", "start", prowlarr.id(), Map.of(), Instant.EPOCH));
    picture.look(harness.engine, true); // the start event's pass sees the new process
    picture.processEnded(prowlarr.id(), prowlarr.pid().orElseThrow());

    EnginePicture.Sight sight = picture.look(harness.engine, true);

    assertThat(find(sight, prowlarr.id()).map(ObservedContainer::status)).contains(ContainerStatus.RUNNING);
  }

  private static Optional<ObservedContainer> find(EnginePicture.Sight sight, String id) {
    return sight.containers().stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /** Lists the container as it was, its old process running, as a list made just before the end would. */
  private static final class StaleListEngine extends ForwardingEngine {
    private final ContainerEngine engine;
    private final ObservedContainer before;

    StaleListEngine(ContainerEngine engine, ObservedContainer before) {
      super(engine);
      this.engine = engine;
      this.before = before;
    }

    @Override
    public List<ObservedContainer> listContainers() {
      return engine.listContainers().stream().map(c -> c.id().equals(before.id()) ? before : c).toList();
    }
  }
}
