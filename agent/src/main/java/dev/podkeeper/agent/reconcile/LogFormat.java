package dev.podkeeper.agent.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.StringJoiner;

/** How a reconcile log line is written: logfmt text ({@code key=value ...}) or one JSON object. */
public enum LogFormat {
  /** {@code key=value} pairs; values with spaces or quotes are quoted; absent values are left out. */
  TEXT {
    @Override
    String render(Map<String, Object> fields) {
      StringJoiner line = new StringJoiner(" ");
      fields.forEach((key, value) -> {
        if (value != null) {
          line.add(key + "=" + quoted(String.valueOf(value)));
        }
      });
      return line.toString();
    }
  },
  /** One JSON object per line; every key is always there (absent values are null) so that consumers can rely on them. */
  JSON {
    @Override
    String render(Map<String, Object> fields) {
      try {
        return Json.MAPPER.writeValueAsString(fields);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write a log line as JSON", e);
      }
    }
  };

  abstract String render(Map<String, Object> fields);

  private static String quoted(String value) {
    if (!value.isEmpty() && value.chars().noneMatch(c -> c == ' ' || c == '"' || c == '=' || c == '\\' || c < 0x20)) {
      return value;
    }
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r") + '"';
  }

  /** Holds the mapper apart, so that text logging never loads it: startup stays light. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }
}
