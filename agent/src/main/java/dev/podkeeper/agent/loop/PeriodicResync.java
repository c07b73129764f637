package dev.podkeeper.agent.loop;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.lifecycle.Cancellable;
import dev.podkeeper.agent.lifecycle.Managed;
import dev.podkeeper.agent.lifecycle.Scheduler;
import dev.podkeeper.agent.reconcile.Trigger;
import java.time.Duration;

/**
 * A pass every {@code interval} even when nothing was heard (java-operator-sdk's max reconciliation
 * interval): events can be lost, and some drift (a network removed behind the engine's back) sends none.
 */
public final class PeriodicResync implements Managed {

  private final PassRequester loop;
  private final Scheduler scheduler;
  private final Duration interval;
  private Cancellable timer = () -> { };

  public PeriodicResync(PassRequester loop, Scheduler scheduler, Duration interval) {
    this.loop = requireNonNull(loop, "loop is null");
    this.scheduler = requireNonNull(scheduler, "scheduler is null");
    this.interval = requireNonNull(interval, "interval is null");
    if (interval.toMillis() < 1000) {
      throw new IllegalArgumentException("--resync must be at least 1s, got " + interval.toMillis() + "ms");
    }
  }

  @Override
  public void start() {
    timer = scheduler.scheduleEvery(interval, () -> loop.request(Trigger.RESYNC));
  }

  @Override
  public void stop() {
    timer.cancel();
  }
}
