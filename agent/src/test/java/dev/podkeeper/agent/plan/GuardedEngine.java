package dev.podkeeper.agent.plan;

import dev.podkeeper.agent.testing.ForwardingEngine;
import dev.podkeeper.model.Labels;
import dev.podkeeper.model.desired.NetworkSpec;
import dev.podkeeper.model.observed.ObservedContainer;
import dev.podkeeper.model.observed.ObservedNetwork;
import dev.podkeeper.model.port.ContainerEngine;
import dev.podkeeper.model.port.ResolvedContainer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Passes every call on, and first checks each mutating call's target as the engine has it at that moment:
 * a container or network without this stack's label must never be started, stopped, removed, or have its
 * name taken. Every call that breaks this is kept in {@link #violations()}; every mutating call in
 * {@link #mutations()}.
 */
final class GuardedEngine extends ForwardingEngine {
  private final ContainerEngine engine;
  private final String stack;
  private final List<String> mutations = new ArrayList<>();
  private final List<String> violations = new ArrayList<>();

  GuardedEngine(ContainerEngine engine, String stack) {
    super(engine);
    this.engine = engine;
    this.stack = stack;
  }

  synchronized List<String> mutations() {
    return List.copyOf(mutations);
  }

  synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  @Override
  public String createContainer(ResolvedContainer container) {
    record("create container " + container.name(), stack.equals(container.labels().get(Labels.STACK))
        && container(container.name()).map(c -> c.managedBy(stack)).orElse(true));
    return super.createContainer(container);
  }

  @Override
  public void startContainer(String id) {
    recordOnContainer("start", id);
    super.startContainer(id);
  }

  @Override
  public void stopContainer(String id, Duration timeout) {
    recordOnContainer("stop", id);
    super.stopContainer(id, timeout);
  }

  @Override
  public void removeContainer(String id) {
    recordOnContainer("remove", id);
    super.removeContainer(id);
  }

  @Override
  public String createNetwork(NetworkSpec spec, Map<String, String> labels) {
    record("create network " + spec.name(), stack.equals(labels.get(Labels.STACK))
        && network(spec.name()).map(n -> n.managedBy(stack)).orElse(true));
    return super.createNetwork(spec, labels);
  }

  @Override
  public void removeNetwork(String nameOrId) {
    record("remove network " + nameOrId, network(nameOrId).map(n -> n.managedBy(stack)).orElse(true));
    super.removeNetwork(nameOrId);
  }

  @Override
  public void pullImage(String image) {
    record("pull " + image, true);
    super.pullImage(image);
  }

  private void recordOnContainer(String operation, String idOrName) {
    Optional<ObservedContainer> target = container(idOrName);
    record(operation + " container " + target.map(ObservedContainer::name).orElse(idOrName),
        target.map(c -> c.managedBy(stack)).orElse(true));
  }

  private synchronized void record(String call, boolean allowed) {
    mutations.add(call);
    if (!allowed) {
      violations.add(call);
    }
  }

  private Optional<ObservedContainer> container(String idOrName) {
    return engine.listContainers().stream()
        .filter(c -> c.id().equals(idOrName) || c.name().equals(idOrName)).findFirst();
  }

  private Optional<ObservedNetwork> network(String idOrName) {
    return engine.listNetworks().stream()
        .filter(n -> n.id().equals(idOrName) || n.name().equals(idOrName)).findFirst();
  }
}
