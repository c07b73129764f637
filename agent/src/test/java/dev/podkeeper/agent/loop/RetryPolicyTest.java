package dev.podkeeper.agent.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.model.port.FailureKind;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final ExponentialBackoff oneSecondToFiveMinutes =
      new ExponentialBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

  @Test
  void transientFailuresWaitDoublingDelaysUpToTheCap() {
    RetryPolicy policy = RetryPolicy.exact(oneSecondToFiveMinutes);

    assertThat(IntStream.rangeClosed(1, 11).mapToObj(n -> policy.nextDelay(n, FailureKind.TRANSIENT).orElseThrow()))
        .extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 300L, 300L);
  }

  @Test
  void aPermanentFailureGivesUp() {
    assertThat(RetryPolicy.ACTIONS.nextDelay(1, FailureKind.PERMANENT)).isEmpty();
  }

  @Test
  void jitterOnlyShortensAndByAtMostItsFraction() {
    RetryPolicy lowest = new RetryPolicy(oneSecondToFiveMinutes, 0.2, () -> 0.999999);

    assertThat(lowest.nextDelay(1, FailureKind.TRANSIENT)).hasValueSatisfying(d ->
        assertThat(d).isBetween(Duration.ofMillis(800), Duration.ofSeconds(1)));
    assertThat(lowest.nextDelay(20, FailureKind.TRANSIENT)).hasValueSatisfying(d ->
        assertThat(d).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(5)));
    assertThat(RetryPolicy.ACTIONS.nextDelay(3, FailureKind.TRANSIENT)).hasValueSatisfying(d ->
        assertThat(d).isBetween(Duration.ofMillis(3200), Duration.ofSeconds(4)));
  }
}
