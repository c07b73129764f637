package dev.podkeeper.agent.loop;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.lifecycle.Cancellable;
import dev.podkeeper.agent.lifecycle.Managed;
import dev.podkeeper.agent.lifecycle.Scheduler;
import dev.podkeeper.agent.observe.EnginePicture;
import dev.podkeeper.agent.reconcile.Trigger;
import dev.podkeeper.model.port.ContainerEngine;
import dev.podkeeper.model.port.EngineEvent;
import dev.podkeeper.model.port.EngineEventListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns engine events about managed objects into {@link Trigger#EVENT} requests. Events are hints, the
 * list is the truth (fabric8's reflector): when the stream breaks, for any reason, the source backs off,
 * subscribes again and asks for a {@link Trigger#RESYNC} pass, because whatever happened during the break
 * was never seen.
 *
 * <p>A subscribe waits for the engine's first answer (up to the adapter's subscribe timeout, 30 s for Podman),
 * so the scheduler only says when to subscribe again: the subscribe itself runs elsewhere ({@link #OWN_THREAD}).
 * On the scheduler's one thread it would hold up, for as long as a hung engine keeps it waiting, every other
 * timer: the event passes spaced out by the loop (a kill's repair among them), retries, watchdog pings.
 */
public final class EngineEventSource implements Managed {
  private static final Logger log = LoggerFactory.getLogger(EngineEventSource.class);
  /** A stream that stayed up this long was healthy: the next break starts the backoff afresh. */
  static final Duration HEALTHY_STREAM = ExponentialBackoff.EVENT_RESUBSCRIBE.max();
  /** Runs each resubscribe on a thread of its own; there is at most one at a time, one every second or two. */
  static final Executor OWN_THREAD = task -> {
    Thread thread = new Thread(task, "podkeeper-event-subscribe");
    thread.setDaemon(true);
    thread.start();
  };

  private final ContainerEngine engine;
  private final Predicate<EngineEvent> relevant;
  private final PassRequester loop;
  private final Scheduler scheduler;
  private final Clock clock;
  private final EnginePicture picture;
  private final Executor subscriptions;

  private final Object lock = new Object();
  private boolean stopped;
  private int breaksInARow;
  private long generation;
  private Instant subscribedAt;
  private AutoCloseable stream;
  private Cancellable resubscribe = () -> { };

  /** @param picture told of every relevant event, and of every gap in the stream */
  public EngineEventSource(ContainerEngine engine, Predicate<EngineEvent> relevant, PassRequester loop,
      Scheduler scheduler, Clock clock, EnginePicture picture) {
    this(engine, relevant, loop, scheduler, clock, picture, OWN_THREAD);
  }

  /** @param subscriptions runs the resubscribes ({@code Runnable::run} for tests with a manual scheduler) */
  EngineEventSource(ContainerEngine engine, Predicate<EngineEvent> relevant, PassRequester loop,
      Scheduler scheduler, Clock clock, EnginePicture picture, Executor subscriptions) {
    this.picture = requireNonNull(picture, "picture is null");
    this.subscriptions = requireNonNull(subscriptions, "subscriptions is null");
    this.engine = requireNonNull(engine, "engine is null");
    this.relevant = requireNonNull(relevant, "relevant is null");
    this.loop = requireNonNull(loop, "loop is null");
    this.scheduler = requireNonNull(scheduler, "scheduler is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  @Override
  public void start() {
    subscribe();
  }

  /**
   * One subscription, generation {@code mine}. Only the current generation's callbacks count: a stream that
   * broke, or that was replaced, is muted and closed, so that at most one stream is open and at most one
   * resubscribe is pending, however many times and ways (onClosed, a thrown subscribe) a break is reported.
   */
  private void subscribe() {
    long mine;
    synchronized (lock) {
      if (stopped) {
        return;
      }
      mine = ++generation;
      subscribedAt = clock.instant();
    }
    AutoCloseable opened;
    try {
      opened = engine.subscribeEvents(new Listener(mine));
    } catch (RuntimeException e) {
      broken(mine, e);
      return;
    }
    boolean current;
    synchronized (lock) {
      current = !stopped && mine == generation;
      if (current) {
        stream = opened;
      }
    }
    if (!current) {
      closeQuietly(opened); // it broke while subscribing (reported already), or the source stopped meanwhile
    }
  }

  /** Each subscription gets its own listener, so that an old stream's late events and close are ignored. */
  private final class Listener implements EngineEventListener {
    private final long subscription;

    Listener(long subscription) {
      this.subscription = subscription;
    }

    @Override
    public void onEvent(EngineEvent event) {
      if (isCurrent(subscription) && relevant.test(event)) {
        log.debug("engine event {} {} {}: pass requested", event.type(), event.action(), event.name());
        picture.changed(event);
        loop.request(Trigger.EVENT);
      }
    }

    @Override
    public void onClosed(Throwable cause) {
      broken(subscription, cause);
    }
  }

  private boolean isCurrent(long subscription) {
    synchronized (lock) {
      return !stopped && subscription == generation;
    }
  }

  private void broken(long subscription, Throwable cause) {
    AutoCloseable old;
    synchronized (lock) {
      if (stopped || subscription != generation) {
        return; // a stale stream, or a second report of this break
      }
      generation++; // from now on, this stream's callbacks are stale
      picture.gap();
      old = stream;
      stream = null;
      boolean wasHealthy = Duration.between(subscribedAt, clock.instant()).compareTo(HEALTHY_STREAM) >= 0;
      breaksInARow = wasHealthy ? 1 : breaksInARow + 1;
      Duration delay = ExponentialBackoff.EVENT_RESUBSCRIBE.delay(breaksInARow);
      log.warn("engine event stream ended ({}); subscribing again in {} s, then re-listing everything",
          cause == null ? "closed by the engine" : Errors.describe(cause), delay.toSeconds());
      resubscribe = scheduler.schedule(delay, () -> subscriptions.execute(this::resubscribe));
    }
    closeQuietly(old);
  }

  private void resubscribe() {
    subscribe();
    // Events during the break are lost: only a full pass (a fresh list) can tell what changed.
    loop.request(Trigger.RESYNC);
  }

  @Override
  public void stop() {
    AutoCloseable open;
    synchronized (lock) {
      stopped = true;
      resubscribe.cancel();
      open = stream;
      stream = null;
    }
    closeQuietly(open);
  }

  private static void closeQuietly(AutoCloseable stream) {
    if (stream == null) {
      return;
    }
    try {
      stream.close();
    } catch (Exception e) {
      log.debug("closing an engine event stream failed", e);
    }
  }
}
