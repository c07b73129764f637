package dev.podkeeper.agent.loop;

import dev.podkeeper.model.port.EngineException;
import dev.podkeeper.model.port.UnitException;
import java.io.IOException;

/** How the agent quotes a failure in its log: the message (the engine's own words), else the exception. */
public final class Errors {
  private Errors() {}

  public static String describe(Throwable e) {
    if (e == null) {
      return "no cause given";
    }
    return e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage() : e.toString();
  }

  /**
   * A failure the agent expects and whose message says it all (the engine, systemd or a file said no):
   * its stack trace would only point at podkeeper's own code. Anything else is a bug or a surprise, and
   * its stack trace is what its report needs.
   */
  static boolean isExpected(Throwable e) {
    return e instanceof EngineException || e instanceof UnitException || e instanceof IOException
        || e instanceof InterruptedException;
  }
}
