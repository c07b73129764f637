package dev.podkeeper.agent.execute;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.model.port.FailureKind;

/**
 * A step found the world not as it needs it; the message says what to do. Whether waiting can help is the
 * step's to say: an image absent under pull: never stays absent, a health check may still pass.
 */
final class StepException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final FailureKind kind;

  StepException(FailureKind kind, String message) {
    super(message);
    this.kind = requireNonNull(kind, "kind is null");
  }

  FailureKind kind() {
    return kind;
  }
}
