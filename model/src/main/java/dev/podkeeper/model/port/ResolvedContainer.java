package dev.podkeeper.model.port;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.model.Labels;
import dev.podkeeper.model.desired.ContainerSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A container ready for the engine: the spec, its final environment (defaults, then env files in order,
 * then its own env), the full ID of its namespace provider (if any), and its podkeeper labels.
 *
 * @param env the merged environment; may hold secret values: never log it
 * @param providerId the namespace provider's current container ID, when the spec joins one
 */
public record ResolvedContainer(
    ContainerSpec spec, Map<String, String> env, Optional<String> providerId, String stack, String specHash) {

  public ResolvedContainer {
    requireNonNull(spec, "spec is null");
    env = Map.copyOf(env);
    requireNonNull(providerId, "providerId is null");
    requireNonNull(stack, "stack is null");
    requireNonNull(specHash, "specHash is null");
    if (spec.namespaceProvider().isPresent() != providerId.isPresent()) {
      throw new IllegalArgumentException("providerId must be given exactly when " + spec.name() + " joins a namespace");
    }
  }

  public String name() {
    return spec.name();
  }

  /** The spec's own labels plus the podkeeper labels, which win. */
  public Map<String, String> labels() {
    Map<String, String> all = new LinkedHashMap<>(spec.labels());
    all.put(Labels.STACK, stack);
    all.put(Labels.SPEC_HASH, specHash);
    return all;
  }

  @Override
  public String toString() {
    // The env may hold secrets; a record's default toString would print them.
    return "ResolvedContainer[" + spec.name() + ", hash=" + specHash + "]";
  }
}
