package dev.podkeeper.agent.compose;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A service's volume as podkeeper's {@code SOURCE:CONTAINERPATH[:ro]}: bind mounts with their source made
 * absolute against the compose file's directory (compose's own rule), named volumes as they are.
 */
final class ComposeVolumes {
  /** The podkeeper form, or what to say instead when there is none. */
  record Volume(Optional<String> spec, Optional<String> note) {}

  private ComposeVolumes() {}

  static Volume map(JsonNode volume, Path baseDirectory) {
    String source;
    String target;
    boolean readOnly;
    if (volume.isObject()) {
      String type = volume.path("type").asText("volume");
      if (!type.equals("bind") && !type.equals("volume")) {
        return unmapped("a " + type + " mount has no counterpart: " + volume);
      }
      source = volume.path("source").asText("");
      target = volume.path("target").asText();
      readOnly = volume.path("read_only").asBoolean(false);
    } else {
      String[] parts = volume.asText().split(":", -1);
      if (parts.length == 1) {
        return unmapped("\"" + volume.asText() + "\" (an anonymous volume) has no counterpart: name it, NAME:"
            + parts[0]);
      }
      source = parts[0];
      target = parts[1];
      readOnly = parts.length > 2 && parts[2].matches("(.*,)?ro(,.*)?");
    }
    if (source.isEmpty()) {
      return unmapped("a volume without a source has no counterpart: name it, NAME:" + target);
    }
    Optional<String> note = Optional.empty();
    if (source.startsWith(".") || source.startsWith("~")) {
      if (source.startsWith("~")) {
        return unmapped("\"" + source + "\" is relative to a home directory; write the absolute path");
      }
      String relative = source;
      source = baseDirectory.resolve(source).normalize().toString();
      note = Optional.of("was " + relative + ", relative to the compose file");
    }
    return new Volume(Optional.of(source + ":" + target + (readOnly ? ":ro" : "")), note);
  }

  private static Volume unmapped(String note) {
    return new Volume(Optional.empty(), Optional.of(note));
  }
}
