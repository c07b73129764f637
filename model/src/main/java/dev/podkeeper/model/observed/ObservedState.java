package dev.podkeeper.model.observed;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the engine and the host look like at the start of a pass. Containers and networks include
 * unmanaged ones (no stack label) so that name clashes can be reported; the planner never acts on those.
 */
public record ObservedState(
    List<ObservedContainer> containers,
    List<ObservedNetwork> networks,
    Map<String, ObservedUnit> units) {

  public ObservedState {
    containers = List.copyOf(containers);
    networks = List.copyOf(networks);
    units = Map.copyOf(units);
  }

  public static ObservedState empty() {
    return new ObservedState(List.of(), List.of(), Map.of());
  }

  public Optional<ObservedContainer> container(String name) {
    return containers.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  public Optional<ObservedContainer> containerById(String id) {
    return containers.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  public Optional<ObservedNetwork> network(String name) {
    return networks.stream().filter(n -> n.name().equals(name)).findFirst();
  }
}
