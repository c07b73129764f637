package dev.podkeeper.agent.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExponentialBackoffTest {

  @Test
  void doublesFromInitialAndStaysAtTheCap() {
    assertThat(IntStream.rangeClosed(1, 8).mapToObj(ExponentialBackoff.PASS_RETRY::delay).map(Duration::toSeconds))
        .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
    assertThat(ExponentialBackoff.PASS_RETRY.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> new ExponentialBackoff(Duration.ZERO, Duration.ofSeconds(1)))
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> new ExponentialBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("below");
    assertThatThrownBy(() -> ExponentialBackoff.PASS_RETRY.delay(0)).hasMessageContaining("from 1");
  }
}
