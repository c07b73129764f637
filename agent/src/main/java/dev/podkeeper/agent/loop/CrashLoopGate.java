package dev.podkeeper.agent.loop;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.plan.StartGate;
import dev.podkeeper.model.observed.ObservedContainer;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The planner's {@link StartGate} in the long-running agent: holds a crash-looping container back. The
 * planner asks it about every stopped container it would start, with what the pass observed: that
 * observation (a StartedAt not seen before means a new run began and, stopped now, ended) is what feeds
 * the {@link CrashLoopBackoff}, so no missed event can hide a crash.
 */
public final class CrashLoopGate implements StartGate {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_LOCAL_TIME;

  private final CrashLoopBackoff backoff;
  private final Clock clock;

  public CrashLoopGate(CrashLoopBackoff backoff, Clock clock) {
    this.backoff = requireNonNull(backoff, "backoff is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  @Override
  public Optional<String> holdBack(ObservedContainer container) {
    Instant now = clock.instant();
    backoff.observe(container.name(), container.running(), container.startedAt(), now);
    return backoff.backingOffUntil(container.name(), now)
        .map(until -> "crash loop: backing off until " + localTime(until)
            + " after " + backoff.exits(container.name()) + " exits within 10 min");
  }

  private String localTime(Instant instant) {
    return TIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(clock.getZone()));
  }
}
