package dev.podkeeper.model.desired;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Locale;

/**
 * How a container follows its image's tag ({@code update:}): where a newer image is looked for, whether it
 * is applied or only reported, how often, and what happens when the new image fails its health gate.
 * Not part of the spec hash: changing the policy never recreates a container.
 */
public record UpdatePolicy(Source policy, Mode mode, Duration interval, boolean rollback, Duration healthTimeout) {
  public static final UpdatePolicy DEFAULT =
      new UpdatePolicy(Source.OFF, Mode.APPLY, Duration.ofHours(6), true, Duration.ofMinutes(2));

  /** Where a newer image under the same reference is looked for. */
  public enum Source {
    /** Never. */
    OFF,
    /** The tag's manifest digest, asked of the registry with a HEAD request. */
    REGISTRY,
    /** The image the tag names in the engine's own store (pulled or built by someone else). */
    LOCAL;

    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What is done with an update found. */
  public enum Mode {
    APPLY,
    /** Logged and shown in status, never applied. */
    REPORT;

    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public UpdatePolicy {
    requireNonNull(policy, "policy is null");
    requireNonNull(mode, "mode is null");
    requireNonNull(interval, "interval is null");
    requireNonNull(healthTimeout, "healthTimeout is null");
  }

  public boolean enabled() {
    return policy != Source.OFF;
  }

  public UpdatePolicy withPolicy(Source v) {
    return new UpdatePolicy(v, mode, interval, rollback, healthTimeout);
  }

  public UpdatePolicy withMode(Mode v) {
    return new UpdatePolicy(policy, v, interval, rollback, healthTimeout);
  }

  public UpdatePolicy withInterval(Duration v) {
    return new UpdatePolicy(policy, mode, v, rollback, healthTimeout);
  }

  public UpdatePolicy withRollback(boolean v) {
    return new UpdatePolicy(policy, mode, interval, v, healthTimeout);
  }

  public UpdatePolicy withHealthTimeout(Duration v) {
    return new UpdatePolicy(policy, mode, interval, rollback, v);
  }
}
