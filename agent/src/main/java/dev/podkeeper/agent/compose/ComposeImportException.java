package dev.podkeeper.agent.compose;

/** A compose file that cannot be read as one: not YAML, no services, or a value of the wrong shape. */
public final class ComposeImportException extends Exception {
  private static final long serialVersionUID = 1L;

  public ComposeImportException(String message) {
    super(message);
  }
}
