package dev.podkeeper.agent.execute;

import dev.podkeeper.model.port.EngineException;
import dev.podkeeper.model.port.ProxyException;
import dev.podkeeper.model.port.UnitException;

/** The text of a step's failure: the ports' exceptions already name the operation and object; others get their type. */
final class ErrorText {
  private ErrorText() {}

  static String of(Throwable e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (e instanceof EngineException || e instanceof UnitException || e instanceof StepException
        || e instanceof ProxyException) {
      return message;
    }
    // e.g. "AccessDeniedException: /opt/downloads": the type is what says what went wrong.
    return message.isEmpty() ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + message;
  }
}
