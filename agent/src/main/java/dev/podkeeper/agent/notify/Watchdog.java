package dev.podkeeper.agent.notify;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.lifecycle.Cancellable;
import dev.podkeeper.agent.lifecycle.Managed;
import dev.podkeeper.agent.lifecycle.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pings systemd's watchdog every half of {@code $WATCHDOG_USEC} (as sd_watchdog_enabled(3) advises), when
 * the unit sets WatchdogSec= and the variable is meant for this process ({@code $WATCHDOG_PID} unset or ours),
 * but only while {@link Liveness} says the reconcile loop is alive: a timer alone would keep a hung agent
 * "healthy" for ever. When the loop is stuck the pings stop, and systemd kills and restarts the agent.
 */
public final class Watchdog implements Managed {
  private static final Logger log = LoggerFactory.getLogger(Watchdog.class);

  private final ServiceNotifier notifier;
  private final Scheduler scheduler;
  private final Clock clock;
  private final Liveness liveness;
  private final Optional<Duration> interval;
  private Cancellable pings = () -> { };
  private boolean saidStuck; // only touched by the scheduler's one thread

  public Watchdog(ServiceNotifier notifier, Scheduler scheduler, Clock clock, Liveness liveness,
      Map<String, String> env, long pid) {
    this.notifier = requireNonNull(notifier, "notifier is null");
    this.scheduler = requireNonNull(scheduler, "scheduler is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.liveness = requireNonNull(liveness, "liveness is null");
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
      ping();
      pings = scheduler.scheduleEvery(every, this::ping);
    });
  }

  private void ping() {
    Optional<String> stuck = liveness.stuck(clock.instant());
    if (stuck.isEmpty()) {
      if (saidStuck) {
        log.warn("the reconcile loop moves again; pinging systemd's watchdog again");
        saidStuck = false;
      }
      notifier.watchdog();
    } else if (!saidStuck) {
      log.error("{}; no longer pinging systemd's watchdog, so that systemd restarts the agent (WatchdogSec=)",
          stuck.get());
      saidStuck = true;
    }
  }

  @Override
  public void stop() {
    pings.cancel();
  }
}
