package dev.podkeeper.model.port;

/** The proxy answered and refused one change (its own words in the message); the rest of its config is unchanged. */
public class ProxyRefusedException extends ProxyException {
  private static final long serialVersionUID = 1L;

  public ProxyRefusedException(String message) {
    super(message);
  }
}
