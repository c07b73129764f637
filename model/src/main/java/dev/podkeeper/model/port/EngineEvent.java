package dev.podkeeper.model.port;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * An event from the engine.
 *
 * @param type "container", "network", "image", ...
 * @param action "start", "die", "stop", "health_status", "remove", "create", ...
 * @param id the object's ID
 * @param attributes the event's attributes (name, labels, healthStatus, ...)
 */
public record EngineEvent(String type, String action, String id, Map<String, String> attributes, Instant time) {
  public EngineEvent {
    requireNonNull(type, "type is null");
    requireNonNull(action, "action is null");
    requireNonNull(id, "id is null");
    attributes = Map.copyOf(attributes);
    requireNonNull(time, "time is null");
  }

  public String name() {
    return attributes.getOrDefault("name", "");
  }
}
