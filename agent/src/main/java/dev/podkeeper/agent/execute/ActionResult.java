package dev.podkeeper.agent.execute;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.plan.Action;
import dev.podkeeper.agent.plan.Outcome;
import java.time.Instant;
import java.util.Optional;

/**
 * How one action went.
 *
 * @param error the engine's or the system's own words for a failure, or why it was skipped; secret values
 *     are scrubbed out
 */
public record ActionResult(Action action, Outcome outcome, Instant startedAt, long durationMs, Optional<String> error) {
  public ActionResult {
    requireNonNull(action, "action is null");
    requireNonNull(outcome, "outcome is null");
    requireNonNull(startedAt, "startedAt is null");
    requireNonNull(error, "error is null");
    if (durationMs < 0) {
      throw new IllegalArgumentException("negative duration: " + durationMs);
    }
    if ((outcome == Outcome.OK) != error.isEmpty()) {
      throw new IllegalArgumentException("an error text is given exactly when the outcome is not ok");
    }
  }

  public String id() {
    return action.id();
  }

  public boolean ok() {
    return outcome == Outcome.OK;
  }
}
