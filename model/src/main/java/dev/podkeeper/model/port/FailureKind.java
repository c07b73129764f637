package dev.podkeeper.model.port;

/**
 * Whether trying the same thing again later can succeed without anyone changing anything (java-operator-sdk's
 * retryable vs. not). Decided where the failure's words are known: the adapters for the engine's and
 * systemd's refusals, the agent for its own checks.
 */
public enum FailureKind {
  /** The engine is unreachable or slow, a container exited, a job failed, an object of ours is in the way. */
  TRANSIENT,
  /**
   * Stays so until the file or the world changes: a refused plan, a name held by an unmanaged container, an
   * image that does not exist, a permission problem on a host path, a spec the engine rejects as invalid.
   */
  PERMANENT;

  public boolean permanent() {
    return this == PERMANENT;
  }
}
