package dev.podkeeper.agent.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSON form of a {@link StatusSnapshot}, written out field by field: it is an interface scripts rely on,
 * so it must not change when a record gains a field. Absent optionals are left out.
 */
public final class StatusJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private StatusJson() {}

  public static String write(StatusSnapshot snapshot) {
    ObjectNode root = MAPPER.createObjectNode()
        .put("source", snapshot.source())
        .put("at", snapshot.at().toString())
        .put("file", snapshot.file())
        .put("stack", snapshot.stack())
        .put("passId", snapshot.passId())
        .put("summary", snapshot.summary())
        .put("converged", snapshot.converged());
    ArrayNode notApplied = root.putArray("notApplied");
    snapshot.notApplied().forEach(notApplied::add);
    ArrayNode objects = root.putArray("objects");
    for (ObjectStatus o : snapshot.objects()) {
      ObjectNode node = objects.addObject()
          .put("kind", o.kind())
          .put("name", o.name())
          .put("desired", o.desired())
          .put("actual", o.actual())
          .put("state", o.state().word());
      o.backingOffUntil().ifPresent(t -> node.put("backingOffUntil", t.toString()));
      o.reason().ifPresent(v -> node.put("reason", v));
      ArrayNode ports = node.putArray("ports");
      o.ports().forEach(ports::add);
      o.lastAction().ifPresent(v -> node.put("lastAction", v));
      o.lastCause().ifPresent(v -> node.put("lastCause", v));
      o.lastError().ifPresent(v -> node.put("lastError", v));
    }
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings always serializes", e);
    }
  }

  public static StatusSnapshot read(String json) throws JsonProcessingException {
    JsonNode root = MAPPER.readTree(json);
    List<ObjectStatus> objects = new ArrayList<>();
    for (JsonNode o : root.path("objects")) {
      objects.add(new ObjectStatus(
          o.path("kind").asText(), o.path("name").asText(), o.path("desired").asText(), o.path("actual").asText(),
          ObjectState.ofWord(o.path("state").asText()),
          optional(o, "backingOffUntil").map(Instant::parse), optional(o, "reason"), texts(o.path("ports")),
          optional(o, "lastAction"), optional(o, "lastCause"), optional(o, "lastError")));
    }
    return new StatusSnapshot(root.path("source").asText(), Instant.parse(root.path("at").asText()),
        root.path("file").asText(), root.path("stack").asText(), root.path("passId").asText(),
        root.path("summary").asText(), texts(root.path("notApplied")), objects);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(item -> texts.add(item.asText()));
    return texts;
  }

  private static Optional<String> optional(JsonNode node, String field) {
    return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
  }
}
