package dev.podkeeper.agent.plan;

import java.util.Locale;

/** How an action ended; the words are the log's. */
public enum Outcome {
  OK, FAILED, SKIPPED;

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
