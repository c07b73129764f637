package dev.podkeeper.agent.update;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.model.desired.UpdatePolicy;
import java.time.Instant;
import java.util.Optional;

/**
 * What is known about one followed container's image: its policy, the last check, the digest it runs and the
 * digest its tag names now (for {@code policy: local}, the image IDs: the one it was created on and the one the tag
 * names in the engine's store).
 */
public record UpdateFinding(
    String container,
    String image,
    UpdatePolicy policy,
    State state,
    Optional<Instant> lastCheck,
    Optional<String> running,
    Optional<String> available,
    Optional<String> reason) {

  /** Where the container stands; the log's word for each. */
  public enum State {
    NOT_CHECKED("not-checked"),
    UP_TO_DATE("up-to-date"),
    UPDATE_AVAILABLE("update-available"),
    HELD_BACK("held-back"),
    CHECK_FAILED("update-check-failed");

    private final String word;

    State(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }
  }

  public UpdateFinding {
    requireNonNull(container, "container is null");
    requireNonNull(image, "image is null");
    requireNonNull(policy, "policy is null");
    requireNonNull(state, "state is null");
    requireNonNull(lastCheck, "lastCheck is null");
    requireNonNull(running, "running is null");
    requireNonNull(available, "available is null");
    requireNonNull(reason, "reason is null");
  }

  /** What a log line or status says of a digest: its first 12 hex digits, as podman shows image IDs. */
  public static String shortDigest(Optional<String> digest) {
    return dev.podkeeper.agent.plan.ImageUpdate.shortDigest(digest);
  }
}
