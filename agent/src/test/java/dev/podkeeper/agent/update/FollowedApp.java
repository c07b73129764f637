package dev.podkeeper.agent.update;

import static dev.podkeeper.model.parse.Parsing.valid;

import dev.podkeeper.model.desired.DesiredState;

/**
 * The stack of the update tests: {@code app} follows {@link #IMAGE}, which names {@link #V1} (image {@link #V1_ID})
 * and then {@link #V2} ({@link #V2_ID}); {@code side} joins its network namespace.
 */
final class FollowedApp {
  static final String IMAGE = "registry.test/team/app:latest";
  static final String V1 = "sha256:" + "a".repeat(64);
  static final String V2 = "sha256:" + "b".repeat(64);
  static final String V1_ID = "sha256:" + "1".repeat(64);
  static final String V2_ID = "sha256:" + "2".repeat(64);
  /** More keys of {@code app} for {@link #stack}: a spec change. */
  static final String EDITED_ENV = ", env: { MODE: \"edited\" }";

  private FollowedApp() {}

  /** @param moreKeys more keys of {@code app}, each after a comma ({@code , health: {...}}), or none */
  static DesiredState stack(String update, String moreKeys) {
    return valid("""
        version: 1
        stack: s
        containers:
          app: { image: "%s", update: %s %s }
          side: { image: "localhost/side:1", network: "container:app" }
        """.formatted(IMAGE, update, moreKeys));
  }
}
