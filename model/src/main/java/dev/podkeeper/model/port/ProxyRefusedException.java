package dev.podkeeper.model.port;

/**
 * The proxy answered and refused one change (its own words in the message); the rest of its config is unchanged.
 * Permanent when the proxy cannot load a config with the change in it (a listener another program holds, a
 * certificate file it cannot read): sending it again fails the same way until the file changes. Transient when
 * the proxy's config moved between the pass's read and the change (an id gone, a key already there).
 */
public class ProxyRefusedException extends ProxyException {
  private static final long serialVersionUID = 1L;

  public ProxyRefusedException(String message, FailureKind kind) {
    super(message, kind, null);
  }

  /** A refusal that may pass: the next pass reads the proxy again. */
  public ProxyRefusedException(String message) {
    this(message, FailureKind.TRANSIENT);
  }
}
