package dev.podkeeper.agent.loop;

import dev.podkeeper.model.desired.NetworkSpec;
import dev.podkeeper.model.observed.ContainerProcess;
import dev.podkeeper.model.observed.ContainerDetails;
import dev.podkeeper.model.observed.ImageDefaults;
import dev.podkeeper.model.observed.ObservedContainer;
import dev.podkeeper.model.observed.ObservedNetwork;
import dev.podkeeper.model.port.ContainerEngine;
import dev.podkeeper.model.port.EngineEvent;
import dev.podkeeper.model.port.EngineEventListener;
import dev.podkeeper.model.port.EngineException;
import dev.podkeeper.model.port.ResolvedContainer;
import dev.podkeeper.model.testing.FakeContainerEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The fake engine, plus what a real engine's event stream does that the fake's does not: it breaks
 * (Podman restarts, the socket goes away), while the engine is down it refuses new subscriptions, and a
 * careless adapter may report a failed subscribe twice or deliver an event after its stream ended.
 */
final class BreakableEvents implements ContainerEngine {
  private final FakeContainerEngine engine;
  private final List<EngineEventListener> open = new CopyOnWriteArrayList<>();
  private final List<EngineEventListener> everSubscribed = new CopyOnWriteArrayList<>();
  private volatile boolean refusing;
  private volatile boolean reportingThenThrowing;

  BreakableEvents(FakeContainerEngine engine) {
    this.engine = engine;
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

  /** An event that arrives late, on every stream ever subscribed, closed or not. */
  void deliverLate(EngineEvent event) {
    everSubscribed.forEach(listener -> listener.onEvent(event));
  }

  int openStreams() {
    return open.size();
  }

  @Override
  public AutoCloseable subscribeEvents(EngineEventListener listener) {
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
    AutoCloseable inner = engine.subscribeEvents(tracked);
    return () -> {
      open.remove(tracked);
      inner.close();
    };
  }

  // ---- everything else is the fake's ----

  @Override public List<ObservedContainer> listContainers() { return engine.listContainers(); }
  @Override public List<ObservedNetwork> listNetworks() { return engine.listNetworks(); }
  @Override public String createNetwork(NetworkSpec spec, Map<String, String> labels) { return engine.createNetwork(spec, labels); }
  @Override public void removeNetwork(String nameOrId) { engine.removeNetwork(nameOrId); }
  @Override public boolean imageExists(String image) { return engine.imageExists(image); }
  @Override public java.util.Optional<dev.podkeeper.model.port.LocalImage> inspectImage(String nameOrId) {
    return engine.inspectImage(nameOrId);
  }
  @Override public java.util.Optional<dev.podkeeper.model.port.LocalImage> containerImage(String containerId) {
    return engine.containerImage(containerId);
  }
  @Override public void pullImage(String image) { engine.pullImage(image); }
  @Override public void tagImage(String source, String target) { engine.tagImage(source, target); }
  @Override public String createContainer(ResolvedContainer container) { return engine.createContainer(container); }
  @Override public void startContainer(String id) { engine.startContainer(id); }
  @Override public void stopContainer(String id, Duration timeout) { engine.stopContainer(id, timeout); }
  @Override public void removeContainer(String id) { engine.removeContainer(id); }
  @Override public ContainerProcess inspectProcess(String id) { return engine.inspectProcess(id); }
  @Override public List<String> logTail(String id, int lines) { return engine.logTail(id, lines); }
  @Override public long callCount() { return engine.callCount(); }

  @Override
  public ContainerDetails containerDetails(String idOrName) {
    return engine.containerDetails(idOrName);
  }

  @Override
  public ImageDefaults imageDefaults(String image) {
    return engine.imageDefaults(image);
  }

  @Override
  public NetworkSpec inspectNetwork(String nameOrId) {
    return engine.inspectNetwork(nameOrId);
  }
}
