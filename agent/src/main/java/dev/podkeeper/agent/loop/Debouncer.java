package dev.podkeeper.agent.loop;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.lifecycle.Cancellable;
import dev.podkeeper.agent.lifecycle.Scheduler;
import java.time.Duration;

/**
 * Runs an action once a burst of pokes has been quiet for {@code quiet}. An editor's save is a burst
 * (write a temp file, rename it over, touch attributes); reacting to the first event would read a file
 * half-way through being replaced.
 */
public final class Debouncer {
  private final Scheduler scheduler;
  private final Duration quiet;
  private final Runnable action;
  private Cancellable pending;

  public Debouncer(Scheduler scheduler, Duration quiet, Runnable action) {
    this.scheduler = requireNonNull(scheduler, "scheduler is null");
    this.quiet = requireNonNull(quiet, "quiet is null");
    this.action = requireNonNull(action, "action is null");
  }

  /** (Re)starts the quiet period. */
  public synchronized void poke() {
    if (pending != null) {
      pending.cancel();
    }
    pending = scheduler.schedule(quiet, this::fire);
  }

  public synchronized void cancel() {
    if (pending != null) {
      pending.cancel();
      pending = null;
    }
  }

  private void fire() {
    synchronized (this) {
      pending = null;
    }
    action.run();
  }
}
