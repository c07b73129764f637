package dev.podkeeper.model.desired;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/** The file's {@code defaults:} section, with the product's defaults filled in where the file is silent. */
public record Defaults(Ownership owner, FileMode mode, Map<String, String> env, UpdatePolicy update) {
  public static final Defaults NONE = new Defaults(Ownership.DEFAULT, FileMode.DIRECTORY_DEFAULT, Map.of());

  public Defaults {
    requireNonNull(owner, "owner is null");
    requireNonNull(mode, "mode is null");
    env = Collections2.orderedCopy(env);
    requireNonNull(update, "update is null");
  }

  /** Defaults without {@code update:}: images are not followed. */
  public Defaults(Ownership owner, FileMode mode, Map<String, String> env) {
    this(owner, mode, env, UpdatePolicy.DEFAULT);
  }
}
