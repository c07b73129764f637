package dev.podkeeper.agent.loop;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.lifecycle.Cancellable;
import dev.podkeeper.agent.lifecycle.FatalErrors;
import dev.podkeeper.agent.lifecycle.Managed;
import dev.podkeeper.agent.lifecycle.Scheduler;
import dev.podkeeper.agent.reconcile.Trigger;
import dev.podkeeper.model.port.FailureKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's heart, after java-operator-sdk's event processor: triggers only mark a pass as needed;
 * one worker thread runs passes one at a time; every request that arrives while a pass runs is merged
 * into ONE following pass that carries all their triggers. A pass that could not run is retried with capped,
 * jittered backoff (the engine may be down for minutes: the agent never gives up, never exits); failures of
 * single actions are retried per action ({@link ActionRetries}), the loop only wakes when the first is due.
 * Passes asked for by engine events alone are spaced {@link #EVENT_PASS_GAP} apart, their requests merged,
 * so that an event storm cannot spin the loop.
 *
 * <p>Its {@link PassHeartbeat} says whether it is alive (the watchdog asks). An Error escaping a pass
 * (OutOfMemoryError, StackOverflowError) goes to {@code fatal}, which ends the process, and no pass runs
 * after it; an unexpected exception is logged with its stack trace the first time it is seen.
 *
 * <p>Nothing runs until the first request: the agent asks for the startup pass once every trigger source
 * is listening, so that nothing that happens during that pass goes unseen.
 */
public final class ReconcileLoop implements PassRequester, Managed {
  private static final Logger log = LoggerFactory.getLogger(ReconcileLoop.class);
  /** SIGTERM must end the process within 10 s; a pass still running then is abandoned, not interrupted. */
  static final Duration STOP_GRACE = Duration.ofSeconds(8);
  /** The least time between the starts of two passes that engine events alone asked for. */
  static final Duration EVENT_PASS_GAP = Duration.ofMillis(250);

  private final PassRunner runner;
  private final Scheduler scheduler;
  private final Clock clock;
  private final RetryPolicy retryPolicy;
  private final PassHeartbeat heartbeat;
  private final Consumer<Throwable> fatal;
  private final UnexpectedFailures unexpected = new UnexpectedFailures();
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
  private Instant lastEventPass = Instant.MIN;
  private Cancellable deferredEvents = () -> { };

  public ReconcileLoop(PassRunner runner, Scheduler scheduler, Clock clock) {
    this(runner, scheduler, clock, RetryPolicy.PASSES);
  }

  public ReconcileLoop(PassRunner runner, Scheduler scheduler, Clock clock, RetryPolicy retryPolicy) {
    this(runner, scheduler, clock, retryPolicy, new PassHeartbeat(), FatalErrors::exit);
  }

  /** @param fatal what to do with an Error that escaped a pass: in production, end the process */
  public ReconcileLoop(PassRunner runner, Scheduler scheduler, Clock clock, PassHeartbeat heartbeat,
      Consumer<Throwable> fatal) {
    this(runner, scheduler, clock, RetryPolicy.PASSES, heartbeat, fatal);
  }

  public ReconcileLoop(PassRunner runner, Scheduler scheduler, Clock clock, RetryPolicy retryPolicy,
      PassHeartbeat heartbeat, Consumer<Throwable> fatal) {
    this.runner = requireNonNull(runner, "runner is null");
    this.scheduler = requireNonNull(scheduler, "scheduler is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.retryPolicy = requireNonNull(retryPolicy, "retryPolicy is null");
    this.heartbeat = requireNonNull(heartbeat, "heartbeat is null");
    this.fatal = requireNonNull(fatal, "fatal is null");
  }

  public PassHeartbeat heartbeat() {
    return heartbeat;
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
          idle = pending.isEmpty() || stopped || deferEventPass();
          if (idle) {
            draining = false;
            return;
          }
          if (pending.equals(EnumSet.of(Trigger.EVENT))) {
            lastEventPass = clock.instant();
          }
          deferredEvents.cancel();
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

  /**
   * Whether the pending request, engine events only, must wait for {@link #EVENT_PASS_GAP} since the last
   * such pass; then a timer resumes it, and any other request meanwhile takes the events along at once.
   */
  private boolean deferEventPass() {
    Duration since = Duration.between(lastEventPass, clock.instant());
    if (!pending.equals(EnumSet.of(Trigger.EVENT)) || since.compareTo(EVENT_PASS_GAP) >= 0) {
      return false;
    }
    deferredEvents.cancel();
    deferredEvents = scheduler.schedule(EVENT_PASS_GAP.minus(since), () -> request(Trigger.EVENT));
    return true;
  }

  private PassOutcome runSafely(PassRequest request) {
    heartbeat.passStarted(request, clock.instant());
    try {
      return runner.run(request);
    } catch (Exception | LinkageError e) {
      if (Errors.isExpected(e) || !unexpected.firstTime(e)) {
        log.warn("a pass ({}) failed: {}", request.triggerWords(), Errors.describe(e));
        log.debug("pass failure", e);
      } else {
        log.warn("a pass ({}) failed unexpectedly: {}", request.triggerWords(), e.toString(), e);
      }
      return PassOutcome.failure();
    } catch (Error e) {
      synchronized (lock) {
        stopped = true;
        pending.clear();
      }
      fatal.accept(e);
      return PassOutcome.failure();
    } finally {
      heartbeat.passEnded();
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
        Duration delay = retryPolicy.nextDelay(failuresInARow, FailureKind.TRANSIENT).orElseThrow();
        log.warn("not converged; next pass in {} s (retry {} of the {} pass)",
            String.format(Locale.ROOT, "%.1f", delay.toMillis() / 1000.0), failuresInARow, request.triggerWords());
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
      deferredEvents.cancel();
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
