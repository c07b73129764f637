package dev.podkeeper.kube;

import dev.podkeeper.model.desired.ContainerSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which containers share a Pod: a namespace provider and every container that joins its network namespace
 * (in a Pod they share it too), each other container alone. In the file's order, the provider first.
 */
final class PodGroups {
  private PodGroups() {}

  static List<List<ContainerSpec>> of(Map<String, ContainerSpec> containers) {
    Map<String, List<ContainerSpec>> groups = new LinkedHashMap<>();
    for (ContainerSpec c : containers.values()) {
      // Validation guarantees a provider is not itself in another's namespace: one level deep.
      String provider = c.namespaceProvider().orElse(c.name());
      groups.computeIfAbsent(provider, p -> new ArrayList<>());
    }
    for (ContainerSpec c : containers.values()) {
      List<ContainerSpec> group = groups.get(c.namespaceProvider().orElse(c.name()));
      if (c.namespaceProvider().isEmpty()) {
        group.add(0, c);
      } else {
        group.add(c);
      }
    }
    return List.copyOf(groups.values());
  }
}
