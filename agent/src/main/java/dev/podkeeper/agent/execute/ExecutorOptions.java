package dev.podkeeper.agent.execute;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * @param threads actions run at most this many at a time (independent branches in parallel)
 * @param healthPoll how often a health wait asks the engine to run the check
 * @param healthWaitLimit the longest a health wait lasts, whatever the check's start period says
 * @param executeDeadline the longest a whole plan may run; what is not done then fails (running) or is
 *     given up (still waiting for its prerequisites), and the next pass starts from a fresh observation
 */
public record ExecutorOptions(int threads, Duration healthPoll, Duration healthWaitLimit, Duration executeDeadline) {
  /**
   * Two threads: the hosts this runs on have two cores, and most actions wait on the engine anyway. A health
   * wait of at most 30 min and a plan of at most 60 min: longer than any pull or start period seen in use
   * (PodmanEngine bounds a pull at 30 min), short enough that a hung engine is noticed within the hour.
   */
  public static final ExecutorOptions DEFAULT = new ExecutorOptions(2, Duration.ofSeconds(2));

  public ExecutorOptions {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + threads);
    }
    requireNonNull(healthPoll, "healthPoll is null");
    requireNonNull(healthWaitLimit, "healthWaitLimit is null");
    requireNonNull(executeDeadline, "executeDeadline is null");
  }

  /** The default limits (30 and 60 min) with other threads and poll period. */
  public ExecutorOptions(int threads, Duration healthPoll) {
    this(threads, healthPoll, Duration.ofMinutes(30), Duration.ofMinutes(60));
  }
}
