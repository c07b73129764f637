package dev.podkeeper.podman;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.DockerException;
import dev.podkeeper.model.port.EngineException;
import dev.podkeeper.model.port.FailureKind;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.NoHttpResponseException;

/**
 * Turns docker-java's failures into {@link EngineException}s that name the operation and the object, quote
 * Podman's own words, and say whether trying again can help ({@link FailureKind}): only this module knows
 * Podman's status codes and words. Never given env values: callers pass names and IDs only.
 */
final class EngineErrors {
  private static final ObjectMapper JSON = new ObjectMapper();
  /**
   * Podman's words for a request it will refuse every time, whatever the status code (it answers 500 to
   * most): an invalid spec, a device or host path that is not there, a missing permission, an image that
   * no registry has.
   */
  private static final List<String> PERMANENT_WORDS = List.of(
      "invalid", "not a valid", "unknown capability", "no such device", "error gathering device information",
      "permission denied", "operation not permitted", "manifest unknown", "name unknown", "repository not found",
      "requested access to the resource is denied", "unauthorized");

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
    Optional<String> timeout = timeout(e);
    if (timeout.isPresent()) {
      return new EngineException(operation + " " + object + ": Podman at " + socket + " " + timeout.get()
          + "; it may be hung or overloaded (see `systemctl status podman` and `journalctl -u podman`)",
          FailureKind.TRANSIENT, e);
    }
    Optional<IOException> io = ioCause(e);
    if (io.isPresent() && connectionFailure(io.get())) {
      String words = rootMessage(e);
      if (words.toLowerCase(Locale.ROOT).contains("permission denied")) {
        return new EngineException(operation + " " + object + ": permission denied on the Podman socket " + socket
            + " (run as root, or as a user allowed to open that socket)", FailureKind.PERMANENT, e);
      }
      return new EngineException(operation + " " + object + ": cannot reach Podman at " + socket + ": " + words
          + "; is the Podman API service running (systemctl enable --now podman.socket) and is --podman-socket right?",
          FailureKind.TRANSIENT, e);
    }
    if (io.isPresent()) {
      // Connected, but the answer broke off or could not be parsed: the engine is there, so not "cannot reach".
      return new EngineException(operation + " " + object + ": Podman's answer could not be read ("
          + io.get().getClass().getSimpleName() + ": " + rootMessage(e) + ")", FailureKind.TRANSIENT, e);
    }
    String words = engineWords(e);
    return new EngineException(operation + " " + object + ": Podman says: " + words
        + (hint.isEmpty() ? "" : "; " + hint), kindOf(operation, status(e), words), e);
  }

  /**
   * Whether Podman will refuse the same request again. A 400 is a bad request; a 409 conflict is an object
   * in the way (ours, while it is being removed or created) and a 404 an object that went away meanwhile:
   * both are for the next pass to see. Other codes go by Podman's words.
   */
  static FailureKind kindOf(String operation, int status, String words) {
    String lower = words.toLowerCase(Locale.ROOT);
    if (status == 400 || status == 401 || status == 403) {
      return FailureKind.PERMANENT;
    }
    if (status == 409 || status == 404 && !operation.startsWith("pull")) {
      return FailureKind.TRANSIENT;
    }
    if (PERMANENT_WORDS.stream().anyMatch(lower::contains)) {
      return FailureKind.PERMANENT;
    }
    // "container create: stat /dev/sdz: no such file or directory": a device the spec names is not there.
    // At start the same words come from missing tools (netavark, iptables), which installing them fixes.
    if (operation.startsWith("create container") && lower.contains("no such file or directory")) {
      return FailureKind.PERMANENT;
    }
    return FailureKind.TRANSIENT;
  }

  /**
   * Whether a forced removal failed only because the container exited while Podman stopped it: "cannot remove
   * container ID as it could not be stopped: sending SIGKILL to container ID: container state improper: stopped".
   */
  static boolean lostARaceWithAnExit(String words) {
    return words.contains("could not be stopped") && words.contains("container state improper");
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

  static Optional<String> messageOf(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      JsonNode message = node == null ? null : node.get("message");
      return message != null && message.isTextual() ? Optional.of(message.asText().strip()) : Optional.empty();
    } catch (IOException | RuntimeException notJson) {
      return Optional.empty();
    }
  }

  static int status(Throwable e) {
    if (e instanceof DockerException docker) {
      return docker.getHttpStatus();
    }
    return e instanceof LibpodClient.LibpodException libpod ? libpod.status() : 0;
  }

  /** "did not answer within 10 min" when a call ran out of time (DeadlineHttpClient's words, or the socket's). */
  static Optional<String> timeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException) {
        String words = t.getMessage() == null ? "" : t.getMessage();
        return Optional.of(words.startsWith("did not answer") ? words : "did not answer in time (" + words + ")");
      }
    }
    return Optional.empty();
  }

  private static Optional<IOException> ioCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException io) {
        return Optional.of(io);
      }
    }
    return Optional.empty();
  }

  /** The socket is not there, refuses, times out, or drops the connection: Podman is not (yet) reachable. */
  private static boolean connectionFailure(IOException e) {
    return e instanceof SocketException || e instanceof SocketTimeoutException || e instanceof EOFException
        || e instanceof NoHttpResponseException || e instanceof ConnectionClosedException;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
