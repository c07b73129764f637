package dev.podkeeper.agent.loop;

/** How the agent quotes a failure in its log: the message (the engine's own words), else the exception. */
public final class Errors {
  private Errors() {}

  public static String describe(Throwable e) {
    if (e == null) {
      return "no cause given";
    }
    return e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage() : e.toString();
  }
}
