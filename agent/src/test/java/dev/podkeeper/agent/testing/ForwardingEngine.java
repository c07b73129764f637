package dev.podkeeper.agent.testing;

import dev.podkeeper.model.desired.NetworkSpec;
import dev.podkeeper.model.observed.ContainerProcess;
import dev.podkeeper.model.observed.ContainerDetails;
import dev.podkeeper.model.observed.ImageDefaults;
import dev.podkeeper.model.observed.HealthStatus;
import dev.podkeeper.model.observed.ObservedContainer;
import dev.podkeeper.model.observed.ObservedNetwork;
import dev.podkeeper.model.port.ContainerEngine;
import dev.podkeeper.model.port.EngineEventListener;
import dev.podkeeper.model.port.LocalImage;
import dev.podkeeper.model.port.ResolvedContainer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Passes every call to an engine; tests override one method to inject a fault or a rendezvous. */
public class ForwardingEngine implements ContainerEngine {
  private final ContainerEngine delegate;

  public ForwardingEngine(ContainerEngine delegate) {
    this.delegate = delegate;
  }

  @Override
  public List<ObservedContainer> listContainers() {
    return delegate.listContainers();
  }

  @Override
  public List<ObservedNetwork> listNetworks() {
    return delegate.listNetworks();
  }

  @Override
  public String createNetwork(NetworkSpec spec, Map<String, String> labels) {
    return delegate.createNetwork(spec, labels);
  }

  @Override
  public void removeNetwork(String nameOrId) {
    delegate.removeNetwork(nameOrId);
  }

  @Override
  public boolean imageExists(String image) {
    return delegate.imageExists(image);
  }

  @Override
  public Optional<LocalImage> inspectImage(String nameOrId) {
    return delegate.inspectImage(nameOrId);
  }

  @Override
  public Optional<LocalImage> containerImage(String containerId) {
    return delegate.containerImage(containerId);
  }

  @Override
  public void pullImage(String image) {
    delegate.pullImage(image);
  }

  @Override
  public void tagImage(String source, String target) {
    delegate.tagImage(source, target);
  }

  @Override
  public String createContainer(ResolvedContainer container) {
    return delegate.createContainer(container);
  }

  @Override
  public void startContainer(String id) {
    delegate.startContainer(id);
  }

  @Override
  public void stopContainer(String id, Duration timeout) {
    delegate.stopContainer(id, timeout);
  }

  @Override
  public void removeContainer(String id) {
    delegate.removeContainer(id);
  }

  @Override
  public HealthStatus runHealthCheck(String id) {
    return delegate.runHealthCheck(id);
  }

  @Override
  public Optional<ObservedContainer> inspectContainer(String id) {
    return delegate.inspectContainer(id);
  }

  @Override
  public ContainerProcess inspectProcess(String id) {
    return delegate.inspectProcess(id);
  }

  @Override
  public List<String> logTail(String id, int lines) {
    return delegate.logTail(id, lines);
  }

  @Override
  public AutoCloseable subscribeEvents(EngineEventListener listener) {
    return delegate.subscribeEvents(listener);
  }

  @Override
  public long callCount() {
    return delegate.callCount();
  }

  @Override
  public ContainerDetails containerDetails(String idOrName) {
    return delegate.containerDetails(idOrName);
  }

  @Override
  public ImageDefaults imageDefaults(String image) {
    return delegate.imageDefaults(image);
  }

  @Override
  public NetworkSpec inspectNetwork(String nameOrId) {
    return delegate.inspectNetwork(nameOrId);
  }
}
