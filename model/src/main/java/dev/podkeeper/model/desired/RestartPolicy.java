package dev.podkeeper.model.desired;

/** The engine's restart policy; podkeeper's own repair works on top of it. */
public enum RestartPolicy {
  NO("no"), ON_FAILURE("on-failure"), ALWAYS("always"), UNLESS_STOPPED("unless-stopped");

  private final String word;

  RestartPolicy(String word) {
    this.word = word;
  }

  /** The word the file and the engine use. */
  public String word() {
    return word;
  }
}
