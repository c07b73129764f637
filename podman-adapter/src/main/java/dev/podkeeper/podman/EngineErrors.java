package dev.podkeeper.podman;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.DockerException;
import dev.podkeeper.model.port.EngineException;
import java.io.IOException;

/**
 * Turns docker-java's failures into {@link EngineException}s that name the operation and the object and
 * quote Podman's own words. Never given env values: callers pass names and IDs only.
 */
final class EngineErrors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String socket;

  EngineErrors(String socket) {
    this.socket = socket;
  }

  EngineException failed(String operation, String object, Throwable e) {
    return failed(operation, object, e, "");
  }

  /** @param hint a suggested fix, appended when not empty */
  EngineException failed(String operation, String object, Throwable e, String hint) {
    if (e instanceof EngineException already) {
      return already;
    }
    String message = unreachable(e)
        ? operation + " " + object + ": cannot reach Podman at " + socket + ": " + rootMessage(e)
            + "; is the Podman API service running (systemctl enable --now podman.socket) and is --podman-socket right?"
        : operation + " " + object + ": Podman says: " + engineWords(e) + (hint.isEmpty() ? "" : "; " + hint);
    return new EngineException(message, e);
  }

  /** Podman's message for a failed call: the "message" of its JSON error body, else the exception's text. */
  static String engineWords(Throwable e) {
    String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof DockerException) {
      int json = text.indexOf('{');
      if (json >= 0) {
        return messageOf(text.substring(json)).orElse(text);
      }
    }
    return text.strip();
  }

  static java.util.Optional<String> messageOf(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      JsonNode message = node == null ? null : node.get("message");
      return message != null && message.isTextual()
          ? java.util.Optional.of(message.asText().strip())
          : java.util.Optional.empty();
    } catch (IOException | RuntimeException notJson) {
      return java.util.Optional.empty();
    }
  }

  private static boolean unreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
