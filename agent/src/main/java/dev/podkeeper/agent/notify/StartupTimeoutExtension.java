package dev.podkeeper.agent.notify;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.lifecycle.Cancellable;
import dev.podkeeper.agent.lifecycle.Scheduler;
import java.time.Clock;
import java.time.Duration;

/**
 * Keeps systemd from killing the agent while a long first pass works (image pulls, a health check's start
 * period): EXTEND_TIMEOUT_USEC= at once and then every {@link #PERIOD}, each asking for {@link #EXTENSION}
 * from then, for as long as the pass is alive ({@link Liveness}); a hung first pass is not kept alive.
 *
 * <p>Why extend rather than send READY=1 early: READY=1 is what units ordered after podkeeper.service wait
 * for, and what {@code systemctl start podkeeper} returns on; it keeps meaning "the first pass is done, the
 * stack is as the file says, as far as it can be". systemd gives the unit no way to learn its
 * TimeoutStartSec=, so the extension does not depend on it: three periods leave room for a late timer tick
 * or a GC pause, and the very first message goes out when the first pass begins, under one second after the
 * JVM starts.
 */
public final class StartupTimeoutExtension {
  public static final Duration PERIOD = Duration.ofSeconds(5);
  public static final Duration EXTENSION = PERIOD.multipliedBy(3);

  private final ServiceNotifier notifier;
  private final Scheduler scheduler;
  private final Clock clock;
  private final Liveness liveness;
  private Cancellable extending = () -> { }; // guarded by this

  public StartupTimeoutExtension(ServiceNotifier notifier, Scheduler scheduler, Clock clock, Liveness liveness) {
    this.notifier = requireNonNull(notifier, "notifier is null");
    this.scheduler = requireNonNull(scheduler, "scheduler is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.liveness = requireNonNull(liveness, "liveness is null");
  }

  /** The first pass begins. */
  public synchronized void begin() {
    extend();
    extending = scheduler.scheduleEvery(PERIOD, this::extend);
  }

  /** The first pass ended (READY=1 has gone out, or goes out now). */
  public synchronized void end() {
    extending.cancel();
  }

  private void extend() {
    if (liveness.stuck(clock.instant()).isEmpty()) {
      notifier.extendStartTimeout(EXTENSION);
    }
  }
}
