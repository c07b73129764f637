package dev.podkeeper.agent.loop;

import dev.podkeeper.agent.testing.ForwardingEngine;
import dev.podkeeper.model.port.EngineEvent;
import dev.podkeeper.model.port.EngineEventListener;
import dev.podkeeper.model.port.EngineException;
import dev.podkeeper.model.testing.FakeContainerEngine;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fake engine, plus what a real engine's event stream does that the fake's does not: it breaks
 * (Podman restarts, the socket goes away), while the engine is down it refuses new subscriptions, and a
 * careless adapter may report a failed subscribe twice or deliver an event after its stream ended, and a
 * hung engine keeps a subscribe waiting for its first answer.
 */
final class BreakableEvents extends ForwardingEngine {
  private final List<EngineEventListener> open = new CopyOnWriteArrayList<>();
  private final List<EngineEventListener> everSubscribed = new CopyOnWriteArrayList<>();
  private volatile boolean refusing;
  private volatile boolean reportingThenThrowing;
  private volatile CountDownLatch hangUntil;
  private final AtomicInteger hanging = new AtomicInteger();

  BreakableEvents(FakeContainerEngine engine) {
    super(engine); // every call but subscribeEvents is the fake's
  }

  /** Ends every open stream with {@code cause}, as a dropped connection would. */
  void breakStreams(Throwable cause) {
    for (EngineEventListener listener : open) {
      open.remove(listener);
      listener.onClosed(cause);
    }
  }

  void refuseSubscriptions(boolean refuse) {
    refusing = refuse;
  }

  /** A subscribe that both reports the stream closed and throws (a timeout handled twice). */
  void reportThenThrowOnSubscribe(boolean on) {
    reportingThenThrowing = on;
  }

  /** Reports every open stream ended, but leaves each open (its handle not closed): the source must close it. */
  void reportEndWithoutClosing(Throwable cause) {
    for (EngineEventListener listener : open) {
      listener.onClosed(cause);
    }
  }

  /** New subscribes wait until {@code release} opens (at most 30 s), as on an engine that accepts and never answers. */
  void hangSubscriptions(CountDownLatch release) {
    hangUntil = release;
  }

  boolean aSubscribeHangs() {
    return hanging.get() > 0;
  }

  /** An event that arrives late, on every stream ever subscribed, closed or not. */
  void deliverLate(EngineEvent event) {
    everSubscribed.forEach(listener -> listener.onEvent(event));
  }

  int openStreams() {
    return open.size();
  }

  @Override
  public AutoCloseable subscribeEvents(EngineEventListener listener) {
    CountDownLatch hang = hangUntil;
    if (hang != null) {
      hanging.incrementAndGet();
      try {
        hang.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        hanging.decrementAndGet();
      }
    }
    if (refusing) {
      throw new EngineException("events: engine unreachable: connection refused");
    }
    everSubscribed.add(listener);
    if (reportingThenThrowing) {
      listener.onClosed(null);
      throw new EngineException("subscribe to events: Podman did not answer within 30 s");
    }
    EngineEventListener tracked = new EngineEventListener() {
      @Override
      public void onEvent(EngineEvent event) {
        if (open.contains(this)) {
          listener.onEvent(event);
        }
      }

      @Override
      public void onClosed(Throwable cause) {
        listener.onClosed(cause);
      }
    };
    open.add(tracked);
    AutoCloseable inner = super.subscribeEvents(tracked);
    return () -> {
      open.remove(tracked);
      inner.close();
    };
  }
}
