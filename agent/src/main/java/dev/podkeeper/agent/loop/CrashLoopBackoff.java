package dev.podkeeper.agent.loop;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Restarts of a container that keeps exiting are spaced out: the first exit after a good run restarts at
 * once (a killed container is back within a second), each further exit waits 10 s, 20 s, 40 s, ... up to
 * 5 min; a run of 10 min counts as good and clears the count. Like a kubelet's CrashLoopBackOff.
 *
 * <p>Fed from what each pass observes ({@link #observe}: the engine's StartedAt says whether a new run
 * began), so no event can be missed; {@link #recordStart} and {@link #recordExit} may be called too.
 * Times come from the caller: the class has no clock, and tests need no sleeping.
 */
public final class CrashLoopBackoff {
  public static final ExponentialBackoff SCHEDULE = new ExponentialBackoff(Duration.ofSeconds(10), Duration.ofMinutes(5));
  public static final Duration RESET_AFTER_UP = Duration.ofMinutes(10);

  /** @param exitCounted whether the exit of the run that began at {@code lastStart} is already counted */
  private record History(int exits, Instant lastStart, boolean exitCounted, Instant startAllowedAt) {}

  private final Map<String, History> histories = new HashMap<>();

  /** What a pass saw of one managed container. */
  public synchronized void observe(String container, boolean running, Optional<Instant> startedAt, Instant now) {
    History h = histories.get(container);
    if (startedAt.isPresent() && (h == null || !startedAt.get().equals(h.lastStart()))) {
      recordStart(container, startedAt.get());
      h = histories.get(container);
    }
    if (h == null) {
      return;
    }
    if (running && upLongEnough(h, now)) {
      histories.put(container, new History(0, h.lastStart(), false, null));
    } else if (!running) {
      recordExit(container, now);
    }
  }

  public synchronized void recordStart(String container, Instant at) {
    History h = histories.get(container);
    int exits = h == null ? 0 : h.exits();
    histories.put(container, new History(exits, at, false, h == null ? null : h.startAllowedAt()));
  }

  /** Counts the exit of the current run, once; a run of {@link #RESET_AFTER_UP} or more clears the count. */
  public synchronized void recordExit(String container, Instant at) {
    History h = histories.get(container);
    if (h == null || h.exitCounted()) {
      return;
    }
    int exits = upLongEnough(h, at) ? 1 : h.exits() + 1;
    Instant allowed = exits == 1 ? at : at.plus(SCHEDULE.delay(exits - 1));
    histories.put(container, new History(exits, h.lastStart(), true, allowed));
  }

  public synchronized boolean mayStart(String container, Instant now) {
    return backingOffUntil(container, now).isEmpty();
  }

  /** When the container may be started again, if that is still in the future. */
  public synchronized Optional<Instant> backingOffUntil(String container, Instant now) {
    History h = histories.get(container);
    return h == null || h.startAllowedAt() == null || !now.isBefore(h.startAllowedAt())
        ? Optional.empty()
        : Optional.of(h.startAllowedAt());
  }

  /** Exits counted since the last good run. */
  public synchronized int exits(String container) {
    History h = histories.get(container);
    return h == null ? 0 : h.exits();
  }

  /** The earliest end of a backoff still running: the loop wakes then, without waiting for a resync. */
  public synchronized Optional<Instant> nextExpiry(Instant now) {
    return histories.keySet().stream()
        .flatMap(name -> backingOffUntil(name, now).stream())
        .min(Instant::compareTo);
  }

  /** Forgets containers no longer in the desired state. */
  public synchronized void retainOnly(Set<String> containers) {
    histories.keySet().retainAll(containers);
  }

  private static boolean upLongEnough(History h, Instant now) {
    return h.lastStart() != null && Duration.between(h.lastStart(), now).compareTo(RESET_AFTER_UP) >= 0;
  }
}
