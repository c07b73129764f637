package dev.podkeeper.agent.lifecycle;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The real {@link Scheduler}: one daemon timer thread, so a stuck task can never keep the JVM alive. */
public final class ExecutorScheduler implements Scheduler, Managed {
  private static final Logger log = LoggerFactory.getLogger(ExecutorScheduler.class);
  private final ScheduledExecutorService timer;

  public ExecutorScheduler() {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, "podkeeper-timer");
      thread.setDaemon(true);
      return thread;
    });
    // Cancelled retries and debounces would otherwise sit in the queue until their time comes.
    executor.setRemoveOnCancelPolicy(true);
    this.timer = executor;
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    var future = timer.schedule(guarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }

  @Override
  public Cancellable scheduleEvery(Duration period, Runnable task) {
    long nanos = period.toNanos();
    var future = timer.scheduleAtFixedRate(guarded(task), nanos, nanos, TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }

  @Override
  public void stop() {
    timer.shutdownNow();
  }

  /** A periodic task that throws would silently never run again; log and carry on instead. */
  private static Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.error("scheduled task failed: {}", e.toString(), e);
      }
    };
  }
}
