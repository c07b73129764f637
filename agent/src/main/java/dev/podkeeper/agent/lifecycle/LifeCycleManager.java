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
 * airlift's LifeCycleManager, with an interface instead of annotations.
 */
public final class LifeCycleManager {
  private static final Logger log = LoggerFactory.getLogger(LifeCycleManager.class);

  private enum State { NEW, STARTED, STOPPED }

  private final List<Managed> components = new ArrayList<>();
  private final Deque<Managed> running = new ArrayDeque<>();
  private State state = State.NEW;

  /** Adds a component; one added after {@link #start} (created late) is started at once. */
  public synchronized void add(Managed component) throws Exception {
    if (components.stream().anyMatch(c -> c == component)) {
      return;
    }
    components.add(component);
    if (state == State.STARTED) {
      startOne(component);
    }
  }

  /** Starts every component; if one fails, those already started are stopped and the failure is thrown. */
  public synchronized void start() throws Exception {
    if (state != State.NEW) {
      throw new IllegalStateException("already " + state.name().toLowerCase());
    }
    state = State.STARTED;
    try {
      for (Managed component : List.copyOf(components)) {
        startOne(component);
      }
    } catch (Exception e) {
      stop();
      throw e;
    }
  }

  private void startOne(Managed component) throws Exception {
    log.debug("starting {}", component.getClass().getSimpleName());
    component.start();
    running.push(component);
  }

  /** Stops started components, newest first; a failing stop is logged and the others still stop. */
  public synchronized void stop() {
    if (state == State.STOPPED) {
      return;
    }
    state = State.STOPPED;
    while (!running.isEmpty()) {
      Managed component = running.pop();
      try {
        log.debug("stopping {}", component.getClass().getSimpleName());
        component.stop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        log.warn("stopping {} was interrupted", component.getClass().getSimpleName());
      } catch (Exception | LinkageError e) {
        log.warn("stopping {} failed: {}", component.getClass().getSimpleName(), e.toString(), e);
      }
    }
    notifyAll();
  }

  /** Blocks until {@link #stop} has run (the main thread of {@code run} waits here). */
  public synchronized void awaitStopped() throws InterruptedException {
    while (state != State.STOPPED) {
      wait();
    }
  }

  /** Stops everything when the JVM exits for any reason (SIGTERM, SIGINT, System.exit). */
  public void addShutdownHook() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "podkeeper-shutdown"));
  }
}
