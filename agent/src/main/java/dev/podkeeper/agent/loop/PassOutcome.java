package dev.podkeeper.agent.loop;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * What the loop needs to know after a pass.
 *
 * @param failed something failed (an action, or the whole pass): the loop retries with backoff
 * @param wakeAt when a pass is due even without a trigger, e.g. when a crash-loop backoff ends
 */
public record PassOutcome(boolean failed, Optional<Instant> wakeAt) {
  public PassOutcome {
    requireNonNull(wakeAt, "wakeAt is null");
  }

  public static PassOutcome ok() {
    return new PassOutcome(false, Optional.empty());
  }

  public static PassOutcome failure() {
    return new PassOutcome(true, Optional.empty());
  }
}
