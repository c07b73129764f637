package dev.podkeeper.agent.execute;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.plan.Action;
import dev.podkeeper.agent.plan.Outcome;
import dev.podkeeper.model.port.FailureKind;
import java.time.Instant;
import java.util.Optional;

/**
 * How one action went.
 *
 * @param error the engine's or the system's own words for a failure, or why it was skipped; secret values
 *     are scrubbed out
 * @param failureKind for a failure: whether trying again later can help (the agent retries transient
 *     failures with backoff and parks permanent ones until the file or the world changes)
 */
public record ActionResult(Action action, Outcome outcome, Instant startedAt, long durationMs, Optional<String> error,
    Optional<FailureKind> failureKind) {
  public ActionResult {
    requireNonNull(action, "action is null");
    requireNonNull(outcome, "outcome is null");
    requireNonNull(startedAt, "startedAt is null");
    requireNonNull(error, "error is null");
    requireNonNull(failureKind, "failureKind is null");
    if (durationMs < 0) {
      throw new IllegalArgumentException("negative duration: " + durationMs);
    }
    if ((outcome == Outcome.OK) != error.isEmpty()) {
      throw new IllegalArgumentException("an error text is given exactly when the outcome is not ok");
    }
    if ((outcome == Outcome.FAILED) != failureKind.isPresent()) {
      throw new IllegalArgumentException("a failure kind is given exactly when the outcome is failed");
    }
  }

  /** A result whose failure, if it is one, is transient. */
  public ActionResult(Action action, Outcome outcome, Instant startedAt, long durationMs, Optional<String> error) {
    this(action, outcome, startedAt, durationMs, error,
        outcome == Outcome.FAILED ? Optional.of(FailureKind.TRANSIENT) : Optional.empty());
  }

  public String id() {
    return action.id();
  }

  public boolean ok() {
    return outcome == Outcome.OK;
  }
}
