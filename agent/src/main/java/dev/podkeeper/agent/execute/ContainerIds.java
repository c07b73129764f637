package dev.podkeeper.agent.execute;

import dev.podkeeper.model.observed.ObservedContainer;
import dev.podkeeper.model.port.ContainerEngine;
import dev.podkeeper.model.port.EngineException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Current container IDs by name during a pass: seeded from the observation, updated as steps create and
 * remove containers. A namespace member created after its provider was recreated finds the new ID here.
 */
final class ContainerIds {
  private final ContainerEngine engine;
  private final Map<String, String> byName = new ConcurrentHashMap<>();

  ContainerIds(ContainerEngine engine, List<ObservedContainer> observed) {
    this.engine = engine;
    observed.forEach(c -> byName.put(c.name(), c.id()));
  }

  void put(String name, String id) {
    byName.put(name, id);
  }

  void forget(String name) {
    byName.remove(name);
  }

  /** The ID of a container, asking the engine if this pass has not seen it. */
  String require(String name) {
    String id = byName.get(name);
    if (id != null) {
      return id;
    }
    return engine.listContainers().stream().filter(c -> c.name().equals(name)).findFirst()
        .map(ObservedContainer::id)
        .orElseThrow(() -> new EngineException("find container " + name + ": no such container"));
  }
}
