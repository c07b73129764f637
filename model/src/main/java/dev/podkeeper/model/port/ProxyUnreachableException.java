package dev.podkeeper.model.port;

/** Nothing answered at the proxy's admin endpoint (in time): routes wait for it, nothing else does. Transient. */
public class ProxyUnreachableException extends ProxyException {
  private static final long serialVersionUID = 1L;

  public ProxyUnreachableException(String message, Throwable cause) {
    super(message, FailureKind.TRANSIENT, cause);
  }
}
