package dev.podkeeper.model.port;

import static java.util.Objects.requireNonNull;

/**
 * The engine refused an operation or could not be reached. Its {@link #kind()} says whether trying again
 * later can help; unless the adapter knows better, a failure is transient (retried with backoff).
 */
public class EngineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final FailureKind kind;

  public EngineException(String message) {
    this(message, FailureKind.TRANSIENT, null);
  }

  public EngineException(String message, Throwable cause) {
    this(message, FailureKind.TRANSIENT, cause);
  }

  public EngineException(String message, FailureKind kind, Throwable cause) {
    super(message, cause);
    this.kind = requireNonNull(kind, "kind is null");
  }

  public FailureKind kind() {
    return kind;
  }
}
