package dev.podkeeper.model.observed;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the engine and the host look like at the start of a pass. Containers and networks include
 * unmanaged ones (no stack label) so that name clashes can be reported; the planner never acts on those.
 *
 * <p>Lookups by name and ID go through maps built once: the planner asks for every desired container by
 * name, so a scan per lookup would make a pass quadratic in the number of containers.
 */
public final class ObservedState {
  private final List<ObservedContainer> containers;
  private final List<ObservedNetwork> networks;
  private final Map<String, ObservedUnit> units;
  private final Map<String, ObservedContainer> containersByName;
  private final Map<String, ObservedContainer> containersById;
  private final Map<String, ObservedNetwork> networksByName;

  public ObservedState(List<ObservedContainer> containers, List<ObservedNetwork> networks,
      Map<String, ObservedUnit> units) {
    this.containers = List.copyOf(containers);
    this.networks = List.copyOf(networks);
    this.units = Map.copyOf(units);
    this.containersByName = index(this.containers, ObservedContainer::name);
    this.containersById = index(this.containers, ObservedContainer::id);
    this.networksByName = index(this.networks, ObservedNetwork::name);
  }

  public static ObservedState empty() {
    return new ObservedState(List.of(), List.of(), Map.of());
  }

  public List<ObservedContainer> containers() {
    return containers;
  }

  public List<ObservedNetwork> networks() {
    return networks;
  }

  public Map<String, ObservedUnit> units() {
    return units;
  }

  public Optional<ObservedContainer> container(String name) {
    return Optional.ofNullable(containersByName.get(name));
  }

  public Optional<ObservedContainer> containerById(String id) {
    return Optional.ofNullable(containersById.get(id));
  }

  public Optional<ObservedNetwork> network(String name) {
    return Optional.ofNullable(networksByName.get(name));
  }

  /** The first of each key wins, as a scan of the list would find it. */
  private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
    Map<String, T> byKey = new HashMap<>();
    items.forEach(item -> byKey.putIfAbsent(key.apply(item), item));
    return byKey;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ObservedState other && containers.equals(other.containers)
        && networks.equals(other.networks) && units.equals(other.units);
  }

  @Override
  public int hashCode() {
    return Objects.hash(containers, networks, units);
  }

  @Override
  public String toString() {
    return "ObservedState[containers=" + containers + ", networks=" + networks + ", units=" + units + "]";
  }
}
