package dev.podkeeper.model.port;

/** The reverse proxy could not be reached or would not take a change. */
public class ProxyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ProxyException(String message) {
    super(message);
  }

  public ProxyException(String message, Throwable cause) {
    super(message, cause);
  }
}
