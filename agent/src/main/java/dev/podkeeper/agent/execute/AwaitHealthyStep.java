package dev.podkeeper.agent.execute;

import dev.podkeeper.agent.plan.Action;
import dev.podkeeper.agent.plan.ActionInput.HealthWait;
import dev.podkeeper.model.observed.HealthStatus;
import dev.podkeeper.model.port.ContainerEngine;
import dev.podkeeper.model.port.FailureKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Waits until a container is healthy, for at most the time its health check needs to decide. It asks the
 * engine to run the check rather than waiting for one: Podman schedules checks with systemd timers, which
 * a host without systemd never fires. A container that stops running fails the wait at once (the engine
 * refuses to check it): waiting longer cannot help then. However long the check's start period, the wait
 * lasts at most {@code limit}: a start period of hours must not hold the pass (and the agent's start) that long.
 */
final class AwaitHealthyStep implements Step {
  private final ContainerEngine engine;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration poll;
  private final Duration limit;

  AwaitHealthyStep(ContainerEngine engine, Clock clock, Sleeper sleeper, Duration poll, Duration limit) {
    this.engine = engine;
    this.clock = clock;
    this.sleeper = sleeper;
    this.poll = poll;
    this.limit = limit;
  }

  @Override
  public void run(Action action, ContainerIds ids) throws InterruptedException {
    String name = action.target();
    Duration needed = action.input(HealthWait.class).timeout();
    boolean capped = needed.compareTo(limit) > 0;
    Duration timeout = capped ? limit : needed;
    Instant deadline = clock.instant().plus(timeout);
    String id = ids.require(name);
    while (true) {
      HealthStatus health = engine.runHealthCheck(id);
      // NONE: the engine knows no check for it, so there is nothing to wait for.
      if (health == HealthStatus.HEALTHY || health == HealthStatus.NONE) {
        return;
      }
      if (!clock.instant().isBefore(deadline)) {
        throw new StepException(FailureKind.TRANSIENT, "await healthy " + name + ": still " + health.name().toLowerCase(Locale.ROOT)
            + " after " + timeout.toSeconds() + " s (" + (capped
                ? "the longest podkeeper waits; its check's start period + retries x interval asks for "
                    + needed.toSeconds() + " s"
                : "start period + retries x interval + margin")
            + "); see `podman healthcheck run " + name + "` and `podman logs " + name + "`");
      }
      sleeper.sleep(poll);
    }
  }
}
