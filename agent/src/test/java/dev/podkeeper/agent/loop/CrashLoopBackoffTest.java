package dev.podkeeper.agent.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CrashLoopBackoffTest {
  private final CrashLoopBackoff backoff = new CrashLoopBackoff();
  private Instant now = Instant.parse("2025-01-01T12:00:00Z");

  /** The container starts as soon as it may, runs {@code up}, and exits; returns how long it waited. */
  private Duration crashAfter(Duration up) {
    Instant allowed = backoff.backingOffUntil("app", now).orElse(now);
    Duration waited = Duration.between(now, allowed);
    now = allowed;
    assertThat(backoff.mayStart("app", now)).isTrue();
    backoff.recordStart("app", now);
    now = now.plus(up);
    backoff.recordExit("app", now);
    return waited;
  }

  @Test
  void theFirstExitRestartsAtOnceThenWaitsTenSecondsDoublingToFiveMinutes() {
    crashAfter(Duration.ofSeconds(1));
    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      waits.add(crashAfter(Duration.ofSeconds(1)));
    }

    assertThat(waits).extracting(Duration::toSeconds).containsExactly(0L, 10L, 20L, 40L, 80L, 160L, 300L, 300L);
  }

  @Test
  void whileBackingOffItSaysUntilWhen() {
    crashAfter(Duration.ofSeconds(1));
    crashAfter(Duration.ofSeconds(1));

    assertThat(backoff.mayStart("app", now)).isFalse();
    assertThat(backoff.backingOffUntil("app", now)).contains(now.plusSeconds(10));
    assertThat(backoff.nextExpiry(now)).contains(now.plusSeconds(10));
    assertThat(backoff.mayStart("app", now.plusSeconds(10))).isTrue();
    assertThat(backoff.nextExpiry(now.plusSeconds(10))).isEmpty();
  }

  @Test
  void tenMinutesUpClearsTheCount() {
    for (int i = 0; i < 5; i++) {
      crashAfter(Duration.ofSeconds(1));
    }
    crashAfter(Duration.ofMinutes(10));

    assertThat(backoff.exits("app")).isEqualTo(1);
    assertThat(crashAfter(Duration.ofSeconds(1))).isZero();
  }

  @Test
  void observationsAloneDriveIt() {
    Instant firstStart = now;
    backoff.observe("app", true, Optional.of(firstStart), now);
    now = now.plusSeconds(5);
    backoff.observe("app", false, Optional.of(firstStart), now);
    backoff.observe("app", false, Optional.of(firstStart), now.plusSeconds(1)); // same exit, seen twice
    assertThat(backoff.exits("app")).isEqualTo(1);
    assertThat(backoff.mayStart("app", now)).isTrue();

    // Restarted and crashed before the next pass looked: StartedAt moved, so a new run began and ended.
    Instant secondStart = now.plusMillis(100);
    now = now.plusSeconds(1);
    backoff.observe("app", false, Optional.of(secondStart), now);

    assertThat(backoff.exits("app")).isEqualTo(2);
    assertThat(backoff.backingOffUntil("app", now)).contains(now.plusSeconds(10));
  }

  @Test
  void aRunningContainerUpTenMinutesIsClearedWithoutExiting() {
    crashAfter(Duration.ofSeconds(1));
    crashAfter(Duration.ofSeconds(1));
    Instant start = now.plusSeconds(10);
    backoff.observe("app", true, Optional.of(start), start);
    backoff.observe("app", true, Optional.of(start), start.plus(Duration.ofMinutes(10)));

    assertThat(backoff.exits("app")).isZero();
  }

  @Test
  void aContainerNeverStartedIsNotACrash() {
    backoff.observe("app", false, Optional.empty(), now);

    assertThat(backoff.exits("app")).isZero();
    assertThat(backoff.mayStart("app", now)).isTrue();
  }
}
