package dev.podkeeper.agent.loop;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.execute.ActionResult;
import dev.podkeeper.agent.plan.Hold;
import dev.podkeeper.agent.plan.ObservedWorld;
import dev.podkeeper.agent.plan.Outcome;
import dev.podkeeper.model.port.FailureKind;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries per object, keyed by the action's stable id, as java-operator-sdk keeps them per resource: a
 * transient failure of one action schedules that action's retry (and nothing else's); a permanent one is
 * logged once at ERROR and parked until the file or the world changes for its target. Before each pass it
 * says which actions to hold; after it, it learns from the results. Used by the loop's one worker only.
 */
final class ActionRetries {
  private static final Logger log = LoggerFactory.getLogger(ActionRetries.class);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_LOCAL_TIME;

  private final RetryPolicy policy;
  private final Clock clock;
  private final Path file;
  private final Map<String, RetryState> retrying = new HashMap<>();
  private final Map<String, Parked> parked = new HashMap<>();
  /** The last error reported at ERROR per action: the same one again is not repeated at ERROR. */
  private final Map<String, String> reported = new HashMap<>();
  private ObservedWorld lastWorld;

  ActionRetries(RetryPolicy policy, Clock clock, Path file) {
    this.policy = requireNonNull(policy, "policy is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.file = requireNonNull(file, "file is null");
  }

  /** The holds for a pass that observed {@code world}; a parked action whose target changed is let go once. */
  Map<String, Hold> holds(ObservedWorld world) {
    lastWorld = world;
    Instant now = clock.instant();
    Map<String, Hold> holds = new HashMap<>();
    retrying.forEach((id, state) -> {
      if (state.waiting(now, TargetObservation.of(world, state.action()))) {
        holds.put(id, new Hold("retry " + state.failures() + " is due at " + localTime(state.due())
            + " (failed: " + state.error() + ")"));
      }
    });
    parked.values().removeIf(p -> {
      boolean wakes = p.wakesOn(TargetObservation.of(world, p.action()));
      if (wakes) {
        log.info("{} {}: what podkeeper observes of it changed; trying once more", p.action().kind().word(),
            p.action().target());
      }
      return wakes;
    });
    parked.forEach((id, p) -> holds.put(id, new Hold("not retried: " + p.error() + " (tried again when " + file
        + " or " + p.action().target() + " changes)")));
    return holds;
  }

  /**
   * Learns from a pass that ran (was not aborted).
   *
   * @return when the earliest retry is due, for the loop to wake then
   */
  Optional<Instant> record(List<ActionResult> results) {
    Instant now = clock.instant();
    Set<String> planned = results.stream().map(ActionResult::id).collect(Collectors.toSet());
    // An action no longer planned is no longer needed: whatever it failed on, the object is fine now.
    retrying.keySet().retainAll(planned);
    parked.keySet().retainAll(planned);
    reported.keySet().retainAll(planned);
    for (ActionResult result : results) {
      if (result.outcome() == Outcome.OK) {
        retrying.remove(result.id());
        parked.remove(result.id());
        reported.remove(result.id());
      } else if (result.outcome() == Outcome.FAILED) {
        failed(result, result.failureKind().orElse(FailureKind.TRANSIENT), now);
      }
    }
    return nextDue();
  }

  private void failed(ActionResult result, FailureKind kind, Instant now) {
    String id = result.id();
    String error = result.error().orElse("no cause given");
    Object seen = TargetObservation.of(lastWorld, result.action());
    RetryState before = retrying.get(id);
    int failures = before == null ? 1 : before.failures() + 1;
    Optional<Duration> delay = policy.nextDelay(failures, kind);
    if (delay.isPresent()) {
      Instant due = now.plus(delay.get());
      retrying.put(id, new RetryState(result.action(), failures, due, error, seen));
      log.warn("{} {} failed ({} in a row): {}; trying again at {}", result.action().kind().word(),
          result.action().target(), failures, error, localTime(due));
      return;
    }
    retrying.remove(id);
    parked.put(id, new Parked(result.action(), error, seen));
    if (!error.equals(reported.put(id, error))) {
      log.error("{} {} failed and will not succeed by trying again: {}. Not retried until {} or {} changes",
          result.action().kind().word(), result.action().target(), error, file, result.action().target());
    }
  }

  /**
   * When the earliest retry still to come is due. One already due whose action was skipped (a dependency
   * failed) wakes nothing: the dependency's own retry does.
   */
  private Optional<Instant> nextDue() {
    Instant now = clock.instant();
    return retrying.values().stream().map(RetryState::due).filter(now::isBefore).min(Instant::compareTo);
  }

  /** A new desired state: everything may be different now, so everything is tried again at once. */
  void forgetAll() {
    retrying.clear();
    parked.clear();
    reported.clear();
  }

  /** To the second, rounded up: a retry is never said to be due before it is. */
  private String localTime(Instant instant) {
    Instant seconds = instant.truncatedTo(ChronoUnit.SECONDS);
    return TIME.format((seconds.equals(instant) ? seconds : seconds.plusSeconds(1)).atZone(clock.getZone()));
  }
}
