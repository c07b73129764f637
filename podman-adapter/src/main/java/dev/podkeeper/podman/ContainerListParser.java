package dev.podkeeper.podman;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podkeeper.model.observed.ContainerStatus;
import dev.podkeeper.model.observed.HealthStatus;
import dev.podkeeper.model.observed.ObservedContainer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the entries of Podman's libpod container list ({@code GET /libpod/containers/json?all=true}, with
 * {@code namespace=true} where the namespaces are wanted), one at a time as they arrive ({@link JsonArrays}).
 * What Podman 4.3 puts there, per container: {@code Id}, {@code Names}, {@code Image}, {@code Labels}
 * (null when none), {@code State} (created, running, paused, exited, stopped, stopping, removing, ...),
 * {@code Status} (the health: "", starting, healthy, unhealthy), {@code StartedAt} (Unix seconds; Go's zero
 * time, -62135596800, when never started), {@code Pid} (0 when not running) and {@code Namespaces}
 * (inode numbers as text, {@code Net} among them, empty when not running), {@code Exited} and {@code ExitCode}
 * (how the last run ended) and {@code ExitedAt} (Unix seconds). It has no OOM flag: see {@link OomKills}.
 */
final class ContainerListParser {
  private ContainerListParser() {}

  /**
   * An entry of the list: the container, and what identifies its last run's end ({@link #exitKey}), which
   * {@link OomKills} asks about.
   */
  record Listed(ObservedContainer container, String exitKey) {}

  static Listed listed(JsonNode c) {
    return new Listed(container(c), exitKey(c));
  }

  static ObservedContainer container(JsonNode c) {
    Map<String, String> labels = labels(c.get("Labels"));
    ContainerStatus status = status(c.path("State").asText(""));
    return new ObservedContainer(
        c.path("Id").asText(),
        name(c),
        c.path("Image").asText(""),
        labels,
        status,
        health(c.path("Status").asText("")),
        startedAt(c.path("StartedAt").asLong(0)),
        Optional.ofNullable(labels.get(PodmanLabels.PROVIDER_ID)),
        networkNamespace(c, status),
        exitCode(c, status),
        false,
        pid(c.path("Pid").asLong(0), status));
  }

  /**
   * A container from Podman's own inspect ({@code State.Status}, {@code State.ExitCode}, {@code State.OOMKilled},
   * {@code State.StartedAt} in RFC 3339, {@code State.Health.Status}, {@code State.Pid}, {@code Name},
   * {@code ImageName}, {@code Config.Labels}):
   * everything the list says of it but its network namespace, and the OOM flag the list lacks. The start time is
   * cut to whole seconds, as the list has it, so that both agree.
   */
  static ObservedContainer inspected(JsonNode inspect) {
    JsonNode state = inspect.path("State");
    Map<String, String> labels = labels(inspect.path("Config").get("Labels"));
    ContainerStatus status = status(state.path("Status").asText(""));
    Optional<Instant> started = Optional.of(state.path("StartedAt").asText(""))
        .filter(t -> !t.isEmpty() && !t.startsWith("0001-"))
        .map(t -> Instant.ofEpochSecond(OffsetDateTime.parse(t).toEpochSecond()));
    Optional<Integer> exitCode = status == ContainerStatus.EXITED && state.has("ExitCode")
        ? Optional.of(state.path("ExitCode").asInt())
        : Optional.empty();
    return new ObservedContainer(
        inspect.path("Id").asText(),
        inspect.path("Name").asText(""),
        inspect.path("ImageName").asText(""),
        labels,
        status,
        health(state.path("Health").path("Status").asText("")),
        started,
        Optional.ofNullable(labels.get(PodmanLabels.PROVIDER_ID)),
        Optional.empty(),
        exitCode,
        exitCode.isPresent() && state.path("OOMKilled").asBoolean(false),
        pid(state.path("Pid").asLong(0), status));
  }

  /**
   * Only an exited container has one: a running or created one reports its previous run's code, or 0. The
   * state ({@code exited} or {@code stopped}) says whether the run ended, not the {@code Exited} flag: the
   * contract test once saw a container that had run {@code exit 3} listed as ended without its code under
   * that flag.
   */
  private static Optional<Integer> exitCode(JsonNode c, ContainerStatus status) {
    return status == ContainerStatus.EXITED && c.has("ExitCode")
        ? Optional.of(c.path("ExitCode").asInt())
        : Optional.empty();
  }

  /** Identifies one run's end: the same container exits again at another time. */
  private static String exitKey(JsonNode c) {
    return c.path("Id").asText() + "@" + c.path("ExitedAt").asLong(0);
  }

  private static String name(JsonNode c) {
    JsonNode names = c.path("Names");
    String name = names.isArray() && names.size() > 0 ? names.get(0).asText() : "";
    return name.startsWith("/") ? name.substring(1) : name;
  }

  /** A JSON object of strings (labels, attributes); null or absent is empty. */
  static Map<String, String> labels(JsonNode node) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (node != null && node.isObject()) {
      node.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    }
    return labels;
  }

  static ContainerStatus status(String state) {
    return switch (state.toLowerCase(Locale.ROOT)) {
      case "configured", "created", "initialized" -> ContainerStatus.CREATED;
      case "running" -> ContainerStatus.RUNNING;
      case "paused" -> ContainerStatus.PAUSED;
      case "restarting" -> ContainerStatus.RESTARTING;
      case "exited", "stopped" -> ContainerStatus.EXITED;
      case "stopping" -> ContainerStatus.STOPPING;
      case "removing" -> ContainerStatus.REMOVING;
      case "dead" -> ContainerStatus.DEAD;
      default -> ContainerStatus.UNKNOWN;
    };
  }

  static HealthStatus health(String status) {
    return switch (status.toLowerCase(Locale.ROOT)) {
      case "starting" -> HealthStatus.STARTING;
      case "healthy" -> HealthStatus.HEALTHY;
      case "unhealthy" -> HealthStatus.UNHEALTHY;
      default -> HealthStatus.NONE;
    };
  }

  /** Go's zero time and anything before 1970 mean "never started". */
  private static Optional<Instant> startedAt(long unixSeconds) {
    return unixSeconds > 0 ? Optional.of(Instant.ofEpochSecond(unixSeconds)) : Optional.empty();
  }

  /** Podman reports 0 for a container that does not run, and keeps the last PID of a paused one. */
  private static OptionalLong pid(long pid, ContainerStatus status) {
    boolean alive = status == ContainerStatus.RUNNING || status == ContainerStatus.PAUSED;
    return alive && pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty();
  }

  /** In the form {@code readlink /proc/PID/ns/net} prints, so that it can be compared with that. */
  private static Optional<String> networkNamespace(JsonNode c, ContainerStatus status) {
    String net = c.path("Namespaces").path("Net").asText("");
    boolean alive = status == ContainerStatus.RUNNING || status == ContainerStatus.PAUSED;
    return alive && !net.isEmpty() && c.path("Pid").asLong(0) > 0
        ? Optional.of("net:[" + net + "]")
        : Optional.empty();
  }
}
