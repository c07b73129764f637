package dev.podkeeper.agent.loop;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.plan.Action;
import dev.podkeeper.agent.plan.ActionKind;
import dev.podkeeper.agent.plan.Hold;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.observed.ObservedContainer;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The crash-loop holds of one pass, computed before planning: every managed container of the file, as the
 * pass observed it, feeds the {@link CrashLoopBackoff} (a StartedAt not seen before means a new run began
 * and, stopped now, ended, so no missed event can hide a crash); a container still backing off gets a hold
 * on its start. The planner only reads the result.
 */
final class CrashLoopHolds {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_LOCAL_TIME;

  private final CrashLoopBackoff backoff;
  private final Clock clock;

  CrashLoopHolds(CrashLoopBackoff backoff, Clock clock) {
    this.backoff = requireNonNull(backoff, "backoff is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** Holds by action id ({@code start-container:NAME}). */
  Map<String, Hold> holds(DesiredState desired, List<ObservedContainer> observed) {
    Instant now = clock.instant();
    Map<String, Hold> holds = new HashMap<>();
    for (ObservedContainer container : observed) {
      String name = container.name();
      if (!container.managedBy(desired.stack()) || !desired.containers().containsKey(name)) {
        continue;
      }
      backoff.observe(name, container.running(), container.startedAt(), now);
      backoff.backingOffUntil(name, now).ifPresent(until -> holds.put(Action.idOf(ActionKind.START_CONTAINER, name),
          new Hold("crash loop: backing off until " + localTime(until) + " after " + backoff.exits(name)
              + " exits within 10 min")));
    }
    return holds;
  }

  private String localTime(Instant instant) {
    return TIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(clock.getZone()));
  }
}
