package dev.podkeeper.agent.status;

import java.util.Locale;

/** How one object stands against the desired state; {@link #word()} is what the table and JSON show. */
public enum ObjectState {
  /** As desired. */
  OK,
  /** Declared but absent. */
  MISSING,
  /** Present but not running / not active. */
  STOPPED,
  /** Present with a different spec, owner, mode or content, or a dead network namespace. */
  DRIFTED,
  /** Stopped and held back by the crash-loop backoff. */
  BACKING_OFF,
  /** Its last action failed, or it cannot be done (e.g. a name clash with an unmanaged container). */
  FAILED,
  /** Waiting for something it depends on. */
  WAITING,
  /** Labelled with this stack but no longer in the file: to be removed. */
  ORPHANED,
  /** Not looked at on purpose: a unit under {@code --no-systemd}. */
  UNCHECKED;

  /** Nothing is left to do for it: as desired, or deliberately not checked. */
  public boolean settled() {
    return this == OK || this == UNCHECKED;
  }

  public String word() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static ObjectState ofWord(String word) {
    return valueOf(word.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
