package dev.podkeeper.agent.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.agent.observe.EnginePicture;
import dev.podkeeper.agent.reconcile.Trigger;
import dev.podkeeper.agent.testing.Harness;
import dev.podkeeper.agent.testing.Stacks;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.observed.ObservedContainer;
import dev.podkeeper.model.port.ProcessExitWatch;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A managed container's process that ends asks for an event pass, which plans from the host's word. */
class ProcessExitHintsTest {
  private final Harness harness = new Harness();
  private final EnginePicture picture = EnginePicture.kept();
  private final DesiredState media = Stacks.media();
  private final List<Trigger> requested = new ArrayList<>();
  private final RecordingWatch watch = new RecordingWatch();
  private ProcessExitWatch.Listener told;
  private final ProcessExitHints hints = new ProcessExitHints(listener -> {
    told = listener;
    return watch;
  }, picture, () -> Optional.of(media), requested::add);

  @BeforeEach
  void startedOnAConvergedStack() throws Exception {
    harness.apply(media);
    picture.look(harness.engine, false);
    hints.start();
  }

  @Test
  void afterEachPassTheStacksRunningProcessesAreWatched() {
    hints.finished(new PassRequest(1, EnumSet.of(Trigger.STARTUP)), Optional.empty());

    assertThat(watch.watched).hasSize(1);
    assertThat(watch.watched.get(0)).isEqualTo(picture.runningProcesses(media.stack())).isNotEmpty();
  }

  @Test
  void anEndedProcessAsksForAnEventPassThatSeesItsContainerExitedWithoutAsking() {
    ObservedContainer prowlarr = harness.engine.find("prowlarr").orElseThrow();
    harness.engine.kill("prowlarr");

    told.exited(prowlarr.id(), prowlarr.pid().orElseThrow());

    assertThat(requested).containsExactly(Trigger.EVENT);
    long before = harness.engine.callCount();
    assertThat(picture.look(harness.engine, true).containers()).filteredOn(c -> c.id().equals(prowlarr.id()))
        .allMatch(c -> !c.running());
    assertThat(harness.engine.callCount() - before).isZero();
  }

  @Test
  void stoppingClosesTheWatch() {
    hints.stop();

    assertThat(watch.closed).isTrue();
  }

  private static final class RecordingWatch implements ProcessExitWatch {
    final List<Map<String, Long>> watched = new ArrayList<>();
    boolean closed;

    @Override
    public void watch(Map<String, Long> processes) {
      watched.add(Map.copyOf(processes));
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
