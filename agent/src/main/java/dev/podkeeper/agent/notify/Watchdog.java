package dev.podkeeper.agent.notify;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.lifecycle.Cancellable;
import dev.podkeeper.agent.lifecycle.Managed;
import dev.podkeeper.agent.lifecycle.Scheduler;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Pings systemd's watchdog every half of {@code $WATCHDOG_USEC} (as sd_watchdog_enabled(3) advises), when
 * the unit sets WatchdogSec= and the variable is meant for this process ({@code $WATCHDOG_PID} unset or ours).
 */
public final class Watchdog implements Managed {
  private final ServiceNotifier notifier;
  private final Scheduler scheduler;
  private final Optional<Duration> interval;
  private Cancellable pings = () -> { };

  public Watchdog(ServiceNotifier notifier, Scheduler scheduler, Map<String, String> env, long pid) {
    this.notifier = requireNonNull(notifier, "notifier is null");
    this.scheduler = requireNonNull(scheduler, "scheduler is null");
    this.interval = pingInterval(env, pid);
  }

  static Optional<Duration> pingInterval(Map<String, String> env, long pid) {
    String usec = env.getOrDefault("WATCHDOG_USEC", "");
    String forPid = env.getOrDefault("WATCHDOG_PID", "");
    if (usec.isEmpty() || (!forPid.isEmpty() && !forPid.equals(Long.toString(pid)))) {
      return Optional.empty();
    }
    try {
      long micros = Long.parseLong(usec);
      return micros > 0 ? Optional.of(Duration.ofNanos(micros * 1000 / 2)) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  public Optional<Duration> interval() {
    return interval;
  }

  @Override
  public void start() {
    interval.ifPresent(every -> {
      notifier.watchdog();
      pings = scheduler.scheduleEvery(every, notifier::watchdog);
    });
  }

  @Override
  public void stop() {
    pings.cancel();
  }
}
