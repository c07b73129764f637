package dev.podkeeper.agent.execute;

import dev.podkeeper.agent.plan.ExitCause;
import dev.podkeeper.agent.plan.UpdateGate;
import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.observed.HealthStatus;
import dev.podkeeper.model.observed.ObservedContainer;
import dev.podkeeper.model.port.ContainerEngine;
import dev.podkeeper.model.port.EngineException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a container just updated is good (spec section 7): healthy within the timeout, or, without a health
 * check, still running when it is over. A container that stops fails at once. Checks are run on demand, as
 * {@link AwaitHealthyStep} does: Podman's timers never fire on a host without systemd.
 */
final class UpdateHealthGate {
  private final ContainerEngine engine;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration poll;

  UpdateHealthGate(ContainerEngine engine, Clock clock, Sleeper sleeper, Duration poll) {
    this.engine = engine;
    this.clock = clock;
    this.sleeper = sleeper;
    this.poll = poll;
  }

  /**
   * Why the container failed its gate; empty when it passed. The gate ends at {@link UpdateGate#until}, the instant
   * its labels carry, whether this process created the container or an earlier one did.
   */
  Optional<String> failure(String id, ContainerSpec spec, UpdateGate gate) throws InterruptedException {
    Instant deadline = gate.until();
    Duration timeout = gate.update().healthTimeout();
    boolean checked = spec.health().isPresent();
    while (true) {
      Optional<ObservedContainer> container = engine.inspectContainer(id);
      if (container.isEmpty()) {
        return Optional.of("the container is gone");
      }
      if (!container.get().running()) {
        return Optional.of(ExitCause.of(container.get()));
      }
      HealthStatus health = checked ? health(id) : HealthStatus.NONE;
      if (health == HealthStatus.HEALTHY) {
        return Optional.empty();
      }
      if (!clock.instant().isBefore(deadline)) {
        return checked
            ? Optional.of("still " + health.name().toLowerCase(Locale.ROOT) + " after " + timeout.toSeconds() + " s")
            : Optional.empty();
      }
      sleeper.sleep(poll.compareTo(Duration.between(clock.instant(), deadline)) < 0 ? poll
          : Duration.between(clock.instant(), deadline));
    }
  }

  /** A check the engine refuses (the container stopped meanwhile) is told by the next inspect. */
  private HealthStatus health(String id) {
    try {
      return engine.runHealthCheck(id);
    } catch (EngineException e) {
      return HealthStatus.STARTING;
    }
  }
}
