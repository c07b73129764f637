package dev.podkeeper.agent.plan;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * An image update to perform (spec section 7): the tag a container follows names a digest it does not run.
 * Found before planning, from the registry's answer and the container's labels (for {@code policy: local}, from the
 * engine's store: then both digests are image IDs); the planner turns it into a recreate, and the executor into
 * keep the previous image, pull (not for {@code local}), recreate, health gate and, if that fails, rollback.
 *
 * @param from the digest the container runs, when known
 * @param to the digest the tag names now
 * @param rollback whether a failed health gate restores the previous image
 * @param healthTimeout how long the new container has to become healthy, or to keep running without a check
 */
public record ImageUpdate(String container, String image, Optional<String> from, String to, boolean rollback,
    Duration healthTimeout) {

  public ImageUpdate {
    requireNonNull(container, "container is null");
    requireNonNull(image, "image is null");
    requireNonNull(from, "from is null");
    requireNonNull(to, "to is null");
    requireNonNull(healthTimeout, "healthTimeout is null");
  }

  /** The recreate's cause: {@code update-available sha256:aaaa → sha256:bbbb}. */
  public String cause() {
    return "update-available " + shortDigest(from) + " → " + shortDigest(Optional.of(to));
  }

  /** Where the image the container ran before the update is kept, for a rollback. */
  public String rollbackImage(String stack) {
    return ("localhost/podkeeper-rollback/" + stack + "-" + container + ":previous").toLowerCase(Locale.ROOT);
  }

  /** What a log line or status says of a digest: its first 12 hex digits, as podman shows image IDs. */
  public static String shortDigest(Optional<String> digest) {
    return digest.map(d -> d.startsWith("sha256:") && d.length() >= 19 ? "sha256:" + d.substring(7, 19) : d)
        .orElse("unknown");
  }
}
