package dev.podkeeper.agent.plan;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.model.Labels;
import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.hash.SpecHasher;
import dev.podkeeper.model.observed.ObservedContainer;
import dev.podkeeper.model.port.ResolvedContainer;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The spec hash of a container plus a digest and a readable value per spec key. The hash decides whether to
 * recreate; the per-key digests, stored in the {@link Labels#SPEC_FIELDS} label, say which keys changed; the
 * values, in {@link Labels#SPEC_VALUES}, say from what to what.
 */
public record ContainerFingerprint(String hash, Map<String, String> fields, Map<String, Object> values) {

  public ContainerFingerprint {
    requireNonNull(hash, "hash is null");
    fields = Map.copyOf(fields);
    values = Map.copyOf(values);
  }

  public static ContainerFingerprint of(ContainerSpec spec, Map<String, String> env, Optional<String> providerId) {
    return new ContainerFingerprint(
        SpecHasher.containerHash(spec, env, providerId),
        SpecHasher.containerFieldHashes(spec, env, providerId),
        SpecValues.of(spec, env, providerId));
  }

  /**
   * The container as the engine gets it: the podkeeper labels, and the per-key digests as one more label.
   * That label goes on a copy of the spec; the hash was taken before, so it does not cover itself.
   */
  public static ResolvedContainer resolve(ContainerSpec spec, Map<String, String> env, Optional<String> providerId,
      String stack) {
    return resolve(spec, env, providerId, stack, Map.of());
  }

  /**
   * @param stateLabels what podkeeper keeps on the container beside its spec (the digest it was created for, a
   *     digest held back): not part of the hash
   */
  public static ResolvedContainer resolve(ContainerSpec spec, Map<String, String> env, Optional<String> providerId,
      String stack, Map<String, String> stateLabels) {
    ContainerFingerprint fingerprint = of(spec, env, providerId);
    Map<String, String> labels = new LinkedHashMap<>(spec.labels());
    labels.putAll(stateLabels);
    labels.put(Labels.SPEC_FIELDS, fingerprint.fieldsLabel());
    labels.put(Labels.SPEC_VALUES, SpecValues.label(fingerprint.values()));
    return new ResolvedContainer(spec.toBuilder().labels(labels).build(), env, providerId, stack, fingerprint.hash());
  }

  /** The keys whose digest differs, sorted; empty if the container has no digests to compare with. */
  public List<String> changedFields(ObservedContainer container) {
    Optional<String> label = Optional.ofNullable(container.labels().get(Labels.SPEC_FIELDS)).filter(l -> !l.isBlank());
    if (label.isEmpty()) {
      return List.of();
    }
    Map<String, String> before = parse(label.get());
    TreeSet<String> keys = new TreeSet<>(before.keySet());
    keys.addAll(fields.keySet());
    return keys.stream().filter(k -> !fields.getOrDefault(k, "").equals(before.getOrDefault(k, ""))).toList();
  }

  /**
   * The changed keys with their values, old → new, where the container recorded them ({@link Labels#SPEC_VALUES});
   * a key alone where it did not.
   */
  public List<String> changes(ObservedContainer container, Collection<String> changedKeys) {
    return SpecValues.changes(changedKeys, SpecValues.parse(container.labels().get(Labels.SPEC_VALUES)), values);
  }

  String fieldsLabel() {
    return new TreeMap<>(fields).entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }

  private static Map<String, String> parse(String label) {
    return Arrays.stream(label.split(","))
        .map(pair -> pair.split("=", 2))
        .filter(pair -> pair.length == 2)
        .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1], (a, b) -> b));
  }
}
