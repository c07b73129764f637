package dev.podkeeper.model.observed;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.model.Labels;
import java.util.Map;
import java.util.Optional;

/** A network as the engine reports it. */
public record ObservedNetwork(String id, String name, Map<String, String> labels) {
  public ObservedNetwork {
    requireNonNull(id, "id is null");
    requireNonNull(name, "name is null");
    labels = Map.copyOf(labels);
  }

  public boolean managedBy(String stack) {
    return stack.equals(labels.get(Labels.STACK));
  }

  public Optional<String> specHash() {
    return Optional.ofNullable(labels.get(Labels.SPEC_HASH));
  }
}
