package dev.podkeeper.model;

/** The labels that mark an engine object as podkeeper's. Objects without {@link #STACK} are never touched. */
public final class Labels {
  public static final String STACK = "dev.podkeeper.stack";
  public static final String SPEC_HASH = "dev.podkeeper.spec-hash";
  /** Per-key digests of a container's spec ({@code key=digest,...}), to name what changed when the hash differs. */
  public static final String SPEC_FIELDS = "dev.podkeeper.spec-fields";
  /**
   * The same keys' values as people read them (JSON; env values from the file's own literals only, all others
   * {@code ***}), so that a recreate can say {@code memory 256m → 512m}.
   */
  public static final String SPEC_VALUES = "dev.podkeeper.spec-values";

  /** The manifest digest of the image a followed container was created on ({@code sha256:...}). */
  public static final String IMAGE_DIGEST = "dev.podkeeper.image-digest";
  /** A digest that failed its health gate and was rolled back: not tried again until the tag moves on. */
  public static final String HELD_BACK_DIGEST = "dev.podkeeper.held-back-digest";
  /**
   * On a container an image update created: until when (an ISO-8601 instant) its health gate is open. Labels of a
   * container never change, so this one stays after the gate: past that instant it says nothing any more.
   */
  public static final String UPDATE_GATE_UNTIL = "dev.podkeeper.update-gate-until";
  /** On a container an image update created: the digest it ran before, which a rollback labels it with again. */
  public static final String PREVIOUS_DIGEST = "dev.podkeeper.previous-digest";

  private Labels() {}
}
