package dev.podkeeper.agent.lifecycle;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts {@link Managed} components in the order they were added (the injector adds them as it creates
 * them, so a component's dependencies come first) and stops them in reverse, each at most once. After
 * airlift's LifeCycleManager, with an interface instead of annotations:
 * <ul>
 *   <li>a component whose own start failed is stopped too (it may have opened something before failing);
 *   <li>{@link #stop} may come at any time, also while {@link #start} is still at work (SIGTERM during
 *       start-up): no further component starts, and one added later is stopped at once;
 *   <li>the shutdown hook is the manager's own, installed once, before anything starts.
 * </ul>
 */
public final class LifeCycleManager {
  private static final Logger log = LoggerFactory.getLogger(LifeCycleManager.class);

  private enum State { NEW, STARTED, STOPPED }

  private final List<Managed> components = new ArrayList<>();
  private final Deque<Managed> running = new ArrayDeque<>();
  private State state = State.NEW;
  private boolean hookInstalled;

  /**
   * Adds a component; one added after {@link #start} (created late) is started at once, one added after
   * {@link #stop} is stopped at once (it may hold something open already: a client, a socket).
   */
  public void add(Managed component) throws Exception {
    State now;
    synchronized (this) {
      if (components.stream().anyMatch(c -> c == component)) {
        return;
      }
      components.add(component);
      now = state;
      if (now == State.STARTED) {
        running.push(component);
      }
    }
    if (now == State.STARTED) {
      startOne(component);
    } else if (now == State.STOPPED) {
      stopOne(component);
    }
  }

  /**
   * Starts every component; if one fails, every started one (the failed one included) is stopped and the
   * failure is thrown. Returns quietly when {@link #stop} came first or came meanwhile.
   */
  public void start() throws Exception {
    List<Managed> toStart;
    synchronized (this) {
      if (state == State.STOPPED) {
        log.debug("stopped before it started");
        return;
      }
      if (state != State.NEW) {
        throw new IllegalStateException("already started");
      }
      state = State.STARTED;
      toStart = List.copyOf(components);
    }
    try {
      for (Managed component : toStart) {
        synchronized (this) {
          if (state != State.STARTED) {
            return; // stopped meanwhile: start nothing more
          }
          // Pushed before its start runs: a start that fails half-way is stopped like the others.
          running.push(component);
        }
        startOne(component);
      }
    } catch (Exception e) {
      stop();
      throw e;
    }
  }

  private static void startOne(Managed component) throws Exception {
    log.debug("starting {}", name(component));
    component.start();
  }

  /** Stops started components, newest first; a failing stop is logged and the others still stop. */
  public void stop() {
    synchronized (this) {
      if (state == State.STOPPED) {
        return;
      }
      state = State.STOPPED;
    }
    while (true) {
      Managed component;
      synchronized (this) {
        component = running.poll();
      }
      if (component == null) {
        break;
      }
      stopOne(component);
    }
    synchronized (this) {
      notifyAll();
    }
  }

  private static void stopOne(Managed component) {
    try {
      log.debug("stopping {}", name(component));
      component.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("stopping {} was interrupted", name(component));
    } catch (Exception | LinkageError e) {
      log.warn("stopping {} failed: {}", name(component), e.toString(), e);
    }
  }

  private static String name(Managed component) {
    return component.getClass().isAnonymousClass() ? component.toString() : component.getClass().getSimpleName();
  }

  /** Blocks until {@link #stop} has run (the main thread of {@code run} waits here). */
  public synchronized void awaitStopped() throws InterruptedException {
    while (state != State.STOPPED) {
      wait();
    }
  }

  public synchronized boolean stopped() {
    return state == State.STOPPED;
  }

  synchronized boolean shutdownHookInstalled() {
    return hookInstalled;
  }

  /**
   * Stops everything when the JVM exits for any reason (SIGTERM, SIGINT, System.exit). Installed by
   * {@link Bootstrap} before the injector creates anything; a second call does nothing.
   */
  public synchronized void addShutdownHook() {
    if (!hookInstalled) {
      Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "podkeeper-shutdown"));
      hookInstalled = true;
    }
  }
}
