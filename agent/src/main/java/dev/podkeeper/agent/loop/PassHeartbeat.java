package dev.podkeeper.agent.loop;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.execute.ExecutorOptions;
import dev.podkeeper.agent.notify.Liveness;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The reconcile loop's heartbeat: alive while it is idle (waiting for a trigger) or while its pass started
 * less than {@link #deadline} ago. Every blocking call of a pass has a deadline of its own (engine calls,
 * pulls, health waits, D-Bus, the executor's whole run), so a pass that runs longer than all of them allow
 * is stuck for a reason nothing else catches, and only a restart can help.
 */
public final class PassHeartbeat implements Liveness {
  /** The executor's whole-run deadline, plus room for observing before and logging after. */
  public static final Duration DEFAULT_DEADLINE =
      ExecutorOptions.DEFAULT.executeDeadline().plus(Duration.ofMinutes(15));

  private final Duration deadline;
  private String pass; // guarded by this; null while idle
  private Instant since;

  public PassHeartbeat(Duration deadline) {
    this.deadline = requireNonNull(deadline, "deadline is null");
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("deadline must be positive: " + deadline);
    }
  }

  public PassHeartbeat() {
    this(DEFAULT_DEADLINE);
  }

  synchronized void passStarted(PassRequest request, Instant at) {
    pass = "the " + request.triggerWords() + " pass";
    since = at;
  }

  synchronized void passEnded() {
    pass = null;
    since = null;
  }

  @Override
  public synchronized Optional<String> stuck(Instant now) {
    if (pass == null) {
      return Optional.empty();
    }
    Duration running = Duration.between(since, now);
    return running.compareTo(deadline) > 0
        ? Optional.of(pass + " has run for " + running.toMinutes() + " min, longer than any pass may ("
            + deadline.toMinutes() + " min): it is stuck")
        : Optional.empty();
  }
}
