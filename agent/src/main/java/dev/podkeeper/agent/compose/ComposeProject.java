package dev.podkeeper.agent.compose;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What every service's mapping needs to know of the whole file: which services exist (and under which
 * container names), which have a health check, and the network compose gives services that name none.
 */
record ComposeProject(String stack, Path baseDirectory, JsonNode services, String defaultNetwork,
    boolean includeSecrets) {

  /** Compose's project network: services that name no network share it and find each other by name. */
  static final String DEFAULT = "default";

  /** The service a {@code service:x} or {@code container:x} names, by service or container name. */
  Optional<String> service(String name) {
    if (services.has(name)) {
      return Optional.of(name);
    }
    return containerNames().entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey)
        .findFirst();
  }

  boolean hasHealthCheck(String service) {
    JsonNode check = services.path(service).path("healthcheck");
    return check.isObject() && !check.path("disable").asBoolean(false) && check.has("test");
  }

  /** The podkeeper network for compose's network name. */
  String network(String composeName) {
    return composeName.equals(DEFAULT) ? defaultNetwork : composeName;
  }

  private Map<String, String> containerNames() {
    Map<String, String> names = new LinkedHashMap<>();
    services.fields().forEachRemaining(e -> {
      if (e.getValue().hasNonNull("container_name")) {
        names.put(e.getKey(), e.getValue().get("container_name").asText());
      }
    });
    return names;
  }
}
