package dev.podkeeper.agent.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.agent.lifecycle.ManualScheduler;
import dev.podkeeper.agent.testing.TestClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DebouncerTest {
  private final TestClock clock = new TestClock();
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final AtomicInteger fired = new AtomicInteger();
  private final Debouncer debouncer = new Debouncer(scheduler, Duration.ofMillis(200), fired::incrementAndGet);

  @Test
  void aBurstFiresOnceAfterItHasBeenQuiet() {
    debouncer.poke();
    scheduler.advance(Duration.ofMillis(150));
    debouncer.poke();
    scheduler.advance(Duration.ofMillis(150));
    debouncer.poke();
    assertThat(fired).hasValue(0);

    scheduler.advance(Duration.ofMillis(200));

    assertThat(fired).hasValue(1);
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void burstsSeparatedByQuietFireEach() {
    debouncer.poke();
    scheduler.advance(Duration.ofMillis(250));
    debouncer.poke();
    scheduler.advance(Duration.ofMillis(250));

    assertThat(fired).hasValue(2);
  }

  @Test
  void cancelDropsThePendingFire() {
    debouncer.poke();
    debouncer.cancel();
    scheduler.advance(Duration.ofSeconds(1));

    assertThat(fired).hasValue(0);
  }
}
