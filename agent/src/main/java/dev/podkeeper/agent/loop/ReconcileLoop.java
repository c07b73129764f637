package dev.podkeeper.agent.loop;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.lifecycle.Cancellable;
import dev.podkeeper.agent.lifecycle.Managed;
import dev.podkeeper.agent.lifecycle.Scheduler;
import dev.podkeeper.agent.reconcile.Trigger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's heart, after java-operator-sdk's event processor: triggers only mark a pass as needed;
 * one worker thread runs passes one at a time; every request that arrives while a pass runs is merged
 * into ONE following pass that carries all their triggers. A pass that fails is retried with capped
 * backoff (the engine may be down for minutes: the agent never gives up, never exits).
 *
 * <p>Nothing runs until the first request: the agent asks for the startup pass once every trigger source
 * is listening, so that nothing that happens during that pass goes unseen.
 */
public final class ReconcileLoop implements PassRequester, Managed {
  private static final Logger log = LoggerFactory.getLogger(ReconcileLoop.class);
  /** SIGTERM must end the process within 10 s; a pass still running then is abandoned, not interrupted. */
  static final Duration STOP_GRACE = Duration.ofSeconds(8);

  private final PassRunner runner;
  private final Scheduler scheduler;
  private final Clock clock;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "podkeeper-reconcile");
    thread.setDaemon(true);
    return thread;
  });

  private final Object lock = new Object();
  private Set<Trigger> pending = EnumSet.noneOf(Trigger.class);
  private boolean draining;
  private boolean stopped;
  private long lastPassId;
  private int failuresInARow;
  private Cancellable retry = () -> { };
  private Cancellable wake = () -> { };

  public ReconcileLoop(PassRunner runner, Scheduler scheduler, Clock clock) {
    this.runner = requireNonNull(runner, "runner is null");
    this.scheduler = requireNonNull(scheduler, "scheduler is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  @Override
  public void request(Trigger trigger) {
    requireNonNull(trigger, "trigger is null");
    synchronized (lock) {
      if (stopped) {
        return;
      }
      pending.add(trigger);
      if (!draining) {
        draining = true;
        worker.execute(this::drain);
      }
    }
  }

  /** Runs passes until nothing is pending; requests made meanwhile land in {@link #pending}. */
  private void drain() {
    boolean idle = false;
    try {
      while (!idle) {
        PassRequest request;
        synchronized (lock) {
          idle = pending.isEmpty() || stopped;
          if (idle) {
            draining = false;
            return;
          }
          request = new PassRequest(++lastPassId, pending);
          pending = EnumSet.noneOf(Trigger.class);
        }
        afterPass(request, runSafely(request));
      }
    } finally {
      if (!idle) {
        // An Error escaped a pass: let the next request start a fresh drain rather than wedge the loop.
        synchronized (lock) {
          draining = false;
        }
      }
    }
  }

  private PassOutcome runSafely(PassRequest request) {
    try {
      return runner.run(request);
    } catch (Exception | LinkageError e) {
      log.warn("a pass ({}) failed: {}", request.triggerWords(), Errors.describe(e));
      log.debug("pass failure", e);
      return PassOutcome.failure();
    }
  }

  private void afterPass(PassRequest request, PassOutcome outcome) {
    synchronized (lock) {
      if (stopped) {
        return;
      }
      retry.cancel();
      wake.cancel();
      if (outcome.failed()) {
        failuresInARow++;
        Duration delay = ExponentialBackoff.PASS_RETRY.delay(failuresInARow);
        log.warn("not converged; next pass in {} s (retry {} of the {} pass)",
            delay.toSeconds(), failuresInARow, request.triggerWords());
        Set<Trigger> again = EnumSet.copyOf(request.triggers());
        retry = scheduler.schedule(delay, () -> again.forEach(this::request));
      } else {
        failuresInARow = 0;
      }
      outcome.wakeAt().ifPresent(this::wakeAt);
    }
  }

  private void wakeAt(Instant when) {
    Duration delay = Duration.between(clock.instant(), when);
    wake = scheduler.schedule(delay.isNegative() ? Duration.ZERO : delay, () -> request(Trigger.RESYNC));
  }

  /** Finishes the running pass (at most {@link #STOP_GRACE}), runs no other. Never touches containers. */
  @Override
  public void stop() throws InterruptedException {
    synchronized (lock) {
      stopped = true;
      pending.clear();
      retry.cancel();
      wake.cancel();
    }
    worker.shutdown();
    if (!worker.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
      log.warn("a reconcile pass is still running after {} s; exiting without waiting for it",
          STOP_GRACE.toSeconds());
    }
  }

  /** For tests and status: passes started so far. */
  public long passesStarted() {
    synchronized (lock) {
      return lastPassId;
    }
  }
}
