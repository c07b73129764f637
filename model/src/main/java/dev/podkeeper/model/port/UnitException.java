package dev.podkeeper.model.port;

/** systemd refused a job, the job failed, or the bus could not be reached. */
public class UnitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnitException(String message) {
    super(message);
  }

  public UnitException(String message, Throwable cause) {
    super(message, cause);
  }
}
