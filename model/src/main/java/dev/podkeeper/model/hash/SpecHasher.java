package dev.podkeeper.model.hash;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.HealthCheck;
import dev.podkeeper.model.desired.NetworkAttachment;
import dev.podkeeper.model.desired.NetworkSpec;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The spec hash carried by every managed object in the {@code dev.podkeeper.spec-hash} label.
 *
 * <p>It covers what shapes the object and nothing else: a canonical form with sorted keys and sorted
 * sets (aliases, ports, capabilities, ...), so key order, formatting and defaults written out or left
 * implicit do not change it. Ordering-only keys ({@code dependsOn}, {@code requiresUnits}), the pull
 * policy and {@code lanAccess} are left out: changing them must not recreate a container. The env is
 * the merged one (secret values included, so a rotated secret recreates the container; the hash does
 * not reveal them). The namespace provider enters as its current container ID, so recreating the
 * provider changes its members' hashes.
 */
public final class SpecHasher {
  private static final int FIELD_DIGEST_LENGTH = 12;
  private static final ObjectMapper CANONICAL = new ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private SpecHasher() {}

  public static String containerHash(ContainerSpec spec, Map<String, String> mergedEnv, Optional<String> providerId) {
    return sha256(canonicalContainer(spec, mergedEnv, providerId));
  }

  /**
   * A short digest of each top-level key of the canonical form hashed by {@link #containerHash} (the name
   * left out), for the {@link dev.podkeeper.model.Labels#SPEC_FIELDS} label: comparing two of these says
   * which keys changed ("spec changed: env, ports") without storing the spec, or any value, on the container.
   */
  public static Map<String, String> containerFieldHashes(
      ContainerSpec spec, Map<String, String> mergedEnv, Optional<String> providerId) {
    Map<String, String> fields = new TreeMap<>();
    canonicalContainer(spec, mergedEnv, providerId).forEach((key, value) -> {
      if (!key.equals("name")) {
        fields.put(key, sha256(value).substring(0, FIELD_DIGEST_LENGTH));
      }
    });
    return fields;
  }

  /** As before the default network existed for the other two, so that their hashes stay what they were. */
  private static String network(ContainerSpec spec, Optional<String> providerId) {
    if (spec.network() instanceof NetworkAttachment.ContainerNamespace) {
      return "container:" + providerId.orElseThrow(
          () -> new IllegalArgumentException(spec.name() + " joins a namespace: its provider's ID is needed"));
    }
    return spec.network() instanceof NetworkAttachment.Bridge bridge
        ? "bridge:" + bridge.network()
        : "default:" + NetworkAttachment.PodmanDefault.NAME;
  }

  private static Map<String, Object> canonicalContainer(
      ContainerSpec spec, Map<String, String> mergedEnv, Optional<String> providerId) {
    Map<String, Object> c = new TreeMap<>();
    c.put("name", spec.name());
    c.put("image", spec.image());
    c.put("network", network(spec, providerId));
    c.put("aliases", sorted(spec.aliases()));
    c.put("ports", sorted(spec.ports().stream().map(Object::toString).toList()));
    c.put("volumes", sorted(spec.volumes().stream().map(Object::toString).toList()));
    c.put("capAdd", sorted(capabilities(spec.capAdd())));
    c.put("capDrop", sorted(capabilities(spec.capDrop())));
    c.put("devices", sorted(spec.devices().stream()
        .map(d -> d.hostPath() + ":" + d.containerPath() + ":" + d.permissions()).toList()));
    c.put("privileged", spec.privileged());
    c.put("env", new TreeMap<>(mergedEnv));
    spec.health().ifPresent(h -> c.put("health", health(h)));
    spec.memoryBytes().ifPresent(m -> c.put("memory", m));
    spec.cpus().ifPresent(v -> c.put("cpus", v));
    spec.command().ifPresent(v -> c.put("command", v));
    spec.entrypoint().ifPresent(v -> c.put("entrypoint", v));
    spec.user().ifPresent(v -> c.put("user", v));
    spec.workdir().ifPresent(v -> c.put("workdir", v));
    spec.hostname().ifPresent(v -> c.put("hostname", v));
    c.put("labels", new TreeMap<>(spec.labels()));
    c.put("restart", spec.restart().word());
    spec.stopTimeout().ifPresent(v -> c.put("stopTimeoutMs", v.toMillis()));
    return c;
  }

  public static String networkHash(NetworkSpec spec) {
    Map<String, Object> n = new TreeMap<>();
    n.put("name", spec.name());
    spec.subnet().ifPresent(v -> n.put("subnet", v));
    spec.gateway().ifPresent(v -> n.put("gateway", v));
    n.put("dns", spec.dns());
    return sha256(n);
  }

  private static Map<String, Object> health(HealthCheck h) {
    Map<String, Object> m = new TreeMap<>();
    m.put("test", h.test());
    m.put("intervalMs", h.interval().toMillis());
    m.put("timeoutMs", h.timeout().toMillis());
    m.put("retries", h.retries());
    m.put("startPeriodMs", h.startPeriod().toMillis());
    return m;
  }

  /** NET_ADMIN, net_admin and CAP_NET_ADMIN are the same capability to the engine. */
  private static List<String> capabilities(List<String> caps) {
    return caps.stream().map(c -> c.toUpperCase(Locale.ROOT)).map(c -> c.startsWith("CAP_") ? c.substring(4) : c)
        .toList();
  }

  private static List<String> sorted(List<String> values) {
    return values.stream().sorted().distinct().toList();
  }

  private static String sha256(Object canonical) {
    try {
      byte[] json = CANONICAL.writeValueAsBytes(canonical);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot hash spec", e);
    }
  }
}
