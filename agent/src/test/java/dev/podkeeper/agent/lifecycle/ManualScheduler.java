package dev.podkeeper.agent.lifecycle;

import dev.podkeeper.agent.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A {@link Scheduler} whose time moves only when a test calls {@link #advance}: due tasks then run on the
 * test's thread, in time order, with the clock set to each task's due time. No sleeping, no flakiness.
 */
public final class ManualScheduler implements Scheduler {
  private final TestClock clock;
  private final List<Task> tasks = new ArrayList<>();
  private long sequence;

  public ManualScheduler(TestClock clock) {
    this.clock = clock;
  }

  private final class Task implements Cancellable {
    final long order = sequence++;
    final Runnable action;
    final Duration period;
    Instant due;

    Task(Instant due, Runnable action, Duration period) {
      this.due = due;
      this.action = action;
      this.period = period;
    }

    @Override
    public void cancel() {
      synchronized (ManualScheduler.this) {
        tasks.remove(this);
      }
    }
  }

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable task) {
    return add(new Task(clock.instant().plus(delay), task, null));
  }

  @Override
  public synchronized Cancellable scheduleEvery(Duration period, Runnable task) {
    return add(new Task(clock.instant().plus(period), task, period));
  }

  private Task add(Task task) {
    tasks.add(task);
    return task;
  }

  /** Moves time forward, running every task that falls due on the way. */
  public void advance(Duration duration) {
    Instant target = clock.instant().plus(duration);
    while (true) {
      Task next;
      synchronized (this) {
        next = tasks.stream().filter(t -> !t.due.isAfter(target))
            .min(Comparator.<Task, Instant>comparing(t -> t.due).thenComparingLong(t -> t.order)).orElse(null);
        if (next == null) {
          break;
        }
        tasks.remove(next);
        clock.set(next.due);
        if (next.period != null) {
          next.due = next.due.plus(next.period);
          tasks.add(next);
        }
      }
      next.action.run();
    }
    clock.set(target);
  }

  /** How long until the earliest pending task is due. */
  public synchronized Optional<Duration> nextDelay() {
    return tasks.stream().map(t -> t.due).min(Instant::compareTo).map(due -> Duration.between(clock.instant(), due));
  }

  public synchronized int pending() {
    return tasks.size();
  }
}
