package dev.podkeeper.agent.reconcile;

import java.util.Locale;

/** What asked for a pass; the log names it. */
public enum Trigger {
  STARTUP, FILE, EVENT, RESYNC, SIGNAL, MANUAL;

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
