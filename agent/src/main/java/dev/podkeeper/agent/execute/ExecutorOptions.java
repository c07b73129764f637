package dev.podkeeper.agent.execute;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * @param threads actions run at most this many at a time (independent branches in parallel)
 * @param healthPoll how often a health wait asks the engine to run the check
 */
public record ExecutorOptions(int threads, Duration healthPoll) {
  /** Two threads: the hosts this runs on have two cores, and most actions wait on the engine anyway. */
  public static final ExecutorOptions DEFAULT = new ExecutorOptions(2, Duration.ofSeconds(2));

  public ExecutorOptions {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + threads);
    }
    requireNonNull(healthPoll, "healthPoll is null");
  }
}
