package dev.podkeeper.agent.lifecycle;

import java.time.Duration;

/**
 * Runs tasks later. Everything in the agent that waits (debounce, retry backoff, resync, watchdog)
 * waits through this, so that tests drive time with a manual scheduler instead of sleeping.
 *
 * <p>Tasks must be short: they only ask for a pass or send a datagram. They run one at a time.
 */
public interface Scheduler {

  /** Runs {@code task} once after {@code delay}. */
  Cancellable schedule(Duration delay, Runnable task);

  /** Runs {@code task} every {@code period}, the first time after one period. */
  Cancellable scheduleEvery(Duration period, Runnable task);
}
