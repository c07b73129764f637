package dev.podkeeper.model.validate;

/**
 * What a warning is about: the file is valid and applies, but probably not as its author meant. Printed by
 * {@code validate} and {@code plan} as {@code FILE:LINE:COLUMN: warning: message [id]}; exit codes stay 0.
 * Like {@link Rule}'s, the ids are stable and documented in {@code docs/desired-state.md}.
 */
public enum Advice {
  LAN_ACCESS_UNUSED("warn.lan-access", "lanAccess: true on a container whose ports are all on loopback."),
  IMAGE_UNPINNED("warn.image-unpinned", "An image without a version tag (none, or latest)."),
  HOST_IP_ABSENT("warn.host-ip", "A LAN host IP that is not an address of this host (plan only).");

  private final String id;
  private final String checks;

  Advice(String id, String checks) {
    this.id = id;
    this.checks = checks;
  }

  public String id() {
    return id;
  }

  public String checks() {
    return checks;
  }
}
