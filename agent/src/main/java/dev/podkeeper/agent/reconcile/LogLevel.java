package dev.podkeeper.agent.reconcile;

import java.util.Locale;

/** How much a log line matters, with the syslog priority the journal files it under. */
public enum LogLevel {
  ERROR(3), WARN(4), INFO(6), DEBUG(7);

  private final int syslogPriority;

  LogLevel(int syslogPriority) {
    this.syslogPriority = syslogPriority;
  }

  public int syslogPriority() {
    return syslogPriority;
  }

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
