package dev.podkeeper.agent.loop;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * A capped doubling delay: {@code initial}, 2x, 4x, ... up to {@code max}. One definition for every retry
 * in the agent: a failed pass (1 s to 30 s), a broken event stream (1 s to 2 s), a crash loop (10 s to 5 min).
 */
public record ExponentialBackoff(Duration initial, Duration max) {
  public static final ExponentialBackoff PASS_RETRY = new ExponentialBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
  /**
   * Short on purpose: the event stream coming back is how the agent learns the engine is back (the pass
   * that follows repairs what happened meanwhile), and a refused connect on a unix socket costs nothing.
   */
  public static final ExponentialBackoff EVENT_RESUBSCRIBE =
      new ExponentialBackoff(Duration.ofSeconds(1), Duration.ofSeconds(2));

  public ExponentialBackoff {
    requireNonNull(initial, "initial is null");
    requireNonNull(max, "max is null");
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("initial must be positive: " + initial);
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("max " + max + " is below initial " + initial);
    }
  }

  /** The delay before retry number {@code attempt} (1 for the first retry). */
  public Duration delay(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt counts from 1: " + attempt);
    }
    // Past 2^20 the cap has long been reached; stopping there keeps the shift from overflowing.
    int doublings = Math.min(attempt - 1, 20);
    Duration delay = initial.multipliedBy(1L << doublings);
    return delay.compareTo(max) > 0 ? max : delay;
  }
}
