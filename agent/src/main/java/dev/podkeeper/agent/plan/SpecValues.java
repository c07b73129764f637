package dev.podkeeper.agent.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DeviceMapping;
import dev.podkeeper.model.desired.HealthCheck;
import dev.podkeeper.model.desired.NetworkAttachment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A container's spec as people read it, key by key (the keys of the spec hash), so that a recreate can say
 * what changed from what to what: {@code memory 256m → 512m}. Stored on the container in the
 * {@link dev.podkeeper.model.Labels#SPEC_VALUES} label, beside the per-key digests that decide what changed.
 *
 * <p>No secret reaches it: an env value is shown only when it is the container's own literal from the file
 * (which anyone who can read the file sees); values from defaults, env files and secret files are {@code ***},
 * so a change among them is reported without its values.
 */
final class SpecValues {
  static final String HIDDEN = "***";
  private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private SpecValues() {}

  /** The display value of every key the spec hash covers (the name left out), {@code env} as a map. */
  static Map<String, Object> of(ContainerSpec spec, Map<String, String> mergedEnv, Optional<String> providerId) {
    Map<String, Object> v = new TreeMap<>();
    v.put("image", spec.image());
    v.put("network", spec.network() instanceof NetworkAttachment.Bridge b ? b.network()
        : "container:" + providerId.map(ContainerAssessor::shortId).orElse("?"));
    v.put("aliases", list(spec.aliases()));
    v.put("ports", list(spec.ports().stream().map(Object::toString).toList()));
    v.put("volumes", list(spec.volumes().stream().map(Object::toString).toList()));
    v.put("capAdd", list(spec.capAdd()));
    v.put("capDrop", list(spec.capDrop()));
    v.put("devices", list(spec.devices().stream().map(SpecValues::device).toList()));
    v.put("privileged", String.valueOf(spec.privileged()));
    Map<String, String> env = new TreeMap<>();
    mergedEnv.forEach((key, value) -> env.put(key, value.equals(spec.env().get(key)) ? value : HIDDEN));
    v.put("env", env);
    spec.health().ifPresent(h -> v.put("health", health(h)));
    spec.memoryBytes().ifPresent(m -> v.put("memory", bytes(m)));
    spec.cpus().ifPresent(c -> v.put("cpus", String.valueOf(c)));
    spec.command().ifPresent(c -> v.put("command", String.join(" ", c)));
    spec.entrypoint().ifPresent(e -> v.put("entrypoint", String.join(" ", e)));
    spec.user().ifPresent(u -> v.put("user", u));
    spec.workdir().ifPresent(w -> v.put("workdir", w));
    spec.hostname().ifPresent(h -> v.put("hostname", h));
    v.put("labels", list(new TreeMap<>(spec.labels()).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .toList()));
    v.put("restart", spec.restart().word());
    spec.stopTimeout().ifPresent(t -> v.put("stopTimeoutMs", duration(t)));
    return v;
  }

  static String label(Map<String, Object> values) {
    try {
      return JSON.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serializes", e);
    }
  }

  /** Empty when the label is absent (a container made before podkeeper recorded values) or unreadable. */
  static Optional<Map<String, Object>> parse(String label) {
    if (label == null || label.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(label, new TypeReference<Map<String, Object>>() { }));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /**
   * Each changed key with its values, {@code memory 256m → 512m}, {@code env TZ UTC → Europe/Amsterdam}; a key
   * whose old value is not known is named alone, and honestly so.
   */
  static List<String> changes(Collection<String> changedKeys, Optional<Map<String, Object>> before,
      Map<String, Object> now) {
    List<String> changes = new ArrayList<>();
    for (String key : changedKeys) {
      if (before.isEmpty()) {
        changes.add(key);
      } else if (key.equals("env")) {
        changes.add(envChange(map(before.get().get("env")), map(now.get("env"))));
      } else {
        changes.add(key + " " + text(before.get().get(key)) + " → " + text(now.get(key)));
      }
    }
    return changes;
  }

  private static String envChange(Map<String, String> before, Map<String, String> now) {
    List<String> parts = new ArrayList<>();
    TreeSet<String> keys = new TreeSet<>(before.keySet());
    keys.addAll(now.keySet());
    for (String key : keys) {
      String old = before.get(key);
      String value = now.get(key);
      if (old == null) {
        parts.add("+" + key + "=" + value);
      } else if (value == null) {
        parts.add("-" + key);
      } else if (!old.equals(value)) {
        parts.add(key + " " + old + " → " + value);
      }
    }
    return parts.isEmpty()
        ? "env (a value from defaults, an env file or a secret changed: " + HIDDEN + ")"
        : "env " + String.join(", ", parts);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
  }

  private static String text(Object value) {
    return value == null ? "none" : Objects.toString(value);
  }

  private static String list(List<String> values) {
    return values.isEmpty() ? "none" : String.join(", ", new TreeSet<>(values));
  }

  private static String device(DeviceMapping d) {
    return d.hostPath() + ":" + d.containerPath() + ":" + d.permissions();
  }

  private static String health(HealthCheck h) {
    return String.join(" ", h.test()) + " every " + duration(h.interval()) + ", timeout " + duration(h.timeout())
        + ", " + h.retries() + " retries, start period " + duration(h.startPeriod());
  }

  /** As the file writes sizes: 512m, 2g, 64k, or bytes. */
  static String bytes(long n) {
    if (n > 0 && n % (1L << 30) == 0) {
      return n / (1L << 30) + "g";
    }
    if (n > 0 && n % (1L << 20) == 0) {
      return n / (1L << 20) + "m";
    }
    if (n > 0 && n % 1024 == 0) {
      return n / 1024 + "k";
    }
    return String.valueOf(n);
  }

  /** As the file writes durations: 10s, 5m, 1h, 500ms. */
  static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms % 1000 != 0 || ms == 0) {
      return ms + "ms";
    }
    long s = ms / 1000;
    return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
  }
}
