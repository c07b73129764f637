package dev.podkeeper.model.port;

import static java.util.Objects.requireNonNull;

/**
 * The reverse proxy could not be reached or would not take a change. Its {@link #kind()} says whether the same
 * change can succeed later by itself; the adapter decides, from the proxy's words.
 */
public class ProxyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final FailureKind kind;

  public ProxyException(String message, FailureKind kind, Throwable cause) {
    super(message, cause);
    this.kind = requireNonNull(kind, "kind is null");
  }

  public FailureKind kind() {
    return kind;
  }
}
