package dev.podkeeper.agent.doctor;

import java.util.Locale;

/** How one check came out. A warning is worth reading but is not a problem: doctor still exits 0. */
public enum Verdict {
  OK, WARN, FAIL;

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
