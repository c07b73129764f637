package dev.podkeeper.agent.plan;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.model.Labels;
import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.observed.ObservedContainer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The health gate of an image update (spec section 7), open until {@link #until}. Its state lives in the labels of
 * the container the update created ({@link #labels}), so that an agent started while the gate is open, in a fresh
 * process, finds it ({@link #openOn}) and finishes it: waits for the verdict and, if it fails, rolls back.
 *
 * <p>A container's labels cannot change while it exists, so nothing marks a gate as passed: the deadline makes the
 * label mean nothing any more once it is over. An agent that finds the gate still open looks at the container
 * again; a healthy one passes at once. An agent that comes back only after the deadline finds no gate: the update
 * stands, and a container that fails afterwards is restarted as any other (crash-loop backoff), never rolled back.
 */
public record UpdateGate(ImageUpdate update, Instant until) {
  public UpdateGate {
    requireNonNull(update, "update is null");
    requireNonNull(until, "until is null");
  }

  /** The gate of an update whose container is created now: open for the policy's {@code healthTimeout}. */
  public static UpdateGate opening(ImageUpdate update, Instant now) {
    return new UpdateGate(update, now.plus(update.healthTimeout()).truncatedTo(ChronoUnit.MILLIS));
  }

  /** What the container created by the update carries: the digest it runs, the one before, and the deadline. */
  public Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(Labels.IMAGE_DIGEST, update.to());
    update.from().ifPresent(from -> labels.put(Labels.PREVIOUS_DIGEST, from));
    labels.put(Labels.UPDATE_GATE_UNTIL, until.toString());
    return labels;
  }

  /**
   * The gate still open on {@code container} at {@code now}, from its labels, with the policy the file gives it now
   * (rollback or not). A deadline further away than the policy's {@code healthTimeout} (a clock set back, a label
   * written by hand) is brought in to it, so that no gate waits longer than the file allows.
   */
  public static Optional<UpdateGate> openOn(ObservedContainer container, ContainerSpec spec, Instant now) {
    Optional<Instant> until = instant(container.labels().get(Labels.UPDATE_GATE_UNTIL));
    String to = container.labels().get(Labels.IMAGE_DIGEST);
    if (until.isEmpty() || to == null || !now.isBefore(until.get())) {
      return Optional.empty();
    }
    Instant latest = now.plus(spec.update().healthTimeout());
    ImageUpdate update = new ImageUpdate(spec.name(), spec.image(),
        Optional.ofNullable(container.labels().get(Labels.PREVIOUS_DIGEST)), to, spec.update().rollback(),
        spec.update().healthTimeout());
    return Optional.of(new UpdateGate(update, until.get().isAfter(latest) ? latest : until.get()));
  }

  /** The cause of the action that finishes it: {@code update gate of sha256:bbbb open until 2026-…Z}. */
  public String cause() {
    return "update gate of " + ImageUpdate.shortDigest(Optional.of(update.to())) + " open until " + until;
  }

  private static Optional<Instant> instant(String label) {
    if (label == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(label));
    } catch (DateTimeParseException notOurs) {
      return Optional.empty();
    }
  }
}
