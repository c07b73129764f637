package dev.podkeeper.agent.execute;

/** A step found the world not as it needs it (e.g. an image missing under pull: never); the message says what to do. */
final class StepException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StepException(String message) {
    super(message);
  }
}
