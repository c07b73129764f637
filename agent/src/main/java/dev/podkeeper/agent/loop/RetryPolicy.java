package dev.podkeeper.agent.loop;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.model.port.FailureKind;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * After java-operator-sdk's GenericRetry: given how many times in a row something failed and how, the
 * delay before the next attempt, or empty to give up (a permanent failure, which waits for a change
 * instead). Delays double up to a cap and are shortened by up to {@code jitter} of themselves at random,
 * so that objects that failed together are not all retried in the same instant.
 *
 * @param random a source of numbers in [0, 1)
 */
public record RetryPolicy(ExponentialBackoff backoff, double jitter, DoubleSupplier random) {
  /** One action: 1 s doubling to 5 min. */
  public static final RetryPolicy ACTIONS = jittered(new ExponentialBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5)));
  /** A whole pass that could not run (the engine unreachable): 1 s doubling to 30 s, to notice its return soon. */
  public static final RetryPolicy PASSES = jittered(ExponentialBackoff.PASS_RETRY);

  public RetryPolicy {
    requireNonNull(backoff, "backoff is null");
    requireNonNull(random, "random is null");
    if (jitter < 0 || jitter >= 1) {
      throw new IllegalArgumentException("jitter is a fraction in [0, 1): " + jitter);
    }
  }

  public static RetryPolicy jittered(ExponentialBackoff backoff) {
    return new RetryPolicy(backoff, 0.2, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** Without jitter: the delays are exactly the backoff's (tests). */
  public static RetryPolicy exact(ExponentialBackoff backoff) {
    return new RetryPolicy(backoff, 0, () -> 0);
  }

  /** @param failures failures in a row so far, this one included (1 for the first) */
  public Optional<Duration> nextDelay(int failures, FailureKind kind) {
    if (kind.permanent()) {
      return Optional.empty();
    }
    long millis = backoff.delay(failures).toMillis();
    return Optional.of(Duration.ofMillis(millis - (long) (millis * jitter * random.getAsDouble())));
  }
}
