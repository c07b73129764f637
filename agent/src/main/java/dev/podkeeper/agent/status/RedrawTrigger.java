package dev.podkeeper.agent.status;

import java.util.Objects;

/**
 * When {@code status --watch} draws again: whenever the frame it would draw differs from the one on the screen.
 * A frame names the agent's pass, so every pass is a redraw even when nothing else changed; a poll that saw the
 * same pass (or, fresh, the same world) leaves the screen alone, so that it does not flicker once a second.
 */
public final class RedrawTrigger {
  private String shown;

  /** True when {@code frame} should be drawn; it is then taken as what the screen shows. */
  public boolean redraw(String frame) {
    if (Objects.equals(shown, frame)) {
      return false;
    }
    shown = frame;
    return true;
  }
}
