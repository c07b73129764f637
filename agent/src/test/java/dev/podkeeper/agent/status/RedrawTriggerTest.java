package dev.podkeeper.agent.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code status --watch} redraws on every pass and on every change, and leaves an unchanged screen alone. */
class RedrawTriggerTest {
  private final RedrawTrigger trigger = new RedrawTrigger();

  @Test
  void theFirstFrameIsDrawnAndTheSameFrameAgainIsNot() {
    assertThat(trigger.redraw(frame("p1", "running"))).isTrue();
    assertThat(trigger.redraw(frame("p1", "running"))).isFalse();
  }

  @Test
  void aNewPassIsARedrawEvenWhenNothingElseChanged() {
    trigger.redraw(frame("p1", "running"));
    assertThat(trigger.redraw(frame("p2", "running"))).isTrue();
  }

  @Test
  void aChangeWithinThePassOrTheAgentGoingAwayIsARedraw() {
    trigger.redraw(frame("p1", "running"));
    assertThat(trigger.redraw(frame("p1", "exited"))).isTrue();
    assertThat(trigger.redraw("no agent answers on /run/podkeeper/status.sock; waiting for one\n")).isTrue();
    assertThat(trigger.redraw(frame("p1", "exited"))).as("the agent back: drawn again").isTrue();
  }

  /** The table as the agent's snapshot renders it; a later poll's time of answer is not part of it. */
  private static String frame(String pass, String actual) {
    return StatusTable.render(new StatusSnapshot(StatusSnapshot.AGENT, Instant.now(), "/etc/podkeeper/media.yaml",
        "media", pass, "converged 1/1", List.of(new ObjectStatus("container", "sonarr", "running", actual,
            ObjectState.OK, java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
            java.util.Optional.empty()))), ZoneOffset.UTC);
  }
}
