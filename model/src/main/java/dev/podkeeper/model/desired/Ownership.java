package dev.podkeeper.model.desired;

/** A numeric {@code uid:gid} pair, as written in the file. */
public record Ownership(int uid, int gid) {
  public static final Ownership DEFAULT = new Ownership(1000, 1000);

  public Ownership {
    if (uid < 0 || gid < 0) {
      throw new IllegalArgumentException("uid and gid must not be negative: " + uid + ":" + gid);
    }
  }

  @Override
  public String toString() {
    return uid + ":" + gid;
  }
}
