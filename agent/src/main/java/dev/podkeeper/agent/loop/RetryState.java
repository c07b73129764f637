package dev.podkeeper.agent.loop;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.plan.Action;
import java.time.Instant;

/**
 * One action that failed transiently and waits for its retry.
 *
 * @param failures failures in a row
 * @param due when it may run again
 * @param error its last failure's words
 * @param seen what the pass of that failure observed of its target ({@link TargetObservation}): a pass that
 *     sees something different tries it at once, without waiting until {@code due}
 */
record RetryState(Action action, int failures, Instant due, String error, Object seen) {
  RetryState {
    requireNonNull(action, "action is null");
    requireNonNull(due, "due is null");
    requireNonNull(error, "error is null");
    requireNonNull(seen, "seen is null");
    if (failures < 1) {
      throw new IllegalArgumentException("a retry follows at least one failure: " + failures);
    }
  }

  boolean waiting(Instant now, Object seenNow) {
    return now.isBefore(due) && seen.equals(seenNow);
  }
}
