package dev.podkeeper.agent.loop;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.plan.Action;

/**
 * One action whose failure is permanent: not tried again until the file changes or the world changes for
 * its target (the engine's event about it, a resync that observes something different for it), then once.
 *
 * @param seen what the pass of the failure observed of the target ({@link TargetObservation})
 */
record Parked(Action action, String error, Object seen) {
  Parked {
    requireNonNull(action, "action is null");
    requireNonNull(error, "error is null");
    requireNonNull(seen, "seen is null");
  }

  /** Whether what a pass observes now of the target is reason to try once more. */
  boolean wakesOn(Object seenNow) {
    return !seen.equals(seenNow);
  }
}
