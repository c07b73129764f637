package dev.podkeeper.agent.status;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One row of {@code podkeeper status}. No field ever holds a secret value: causes and errors come from
 * actions and the executor, which already scrub them.
 *
 * @param kind container, network, unit, directory, env-file
 * @param desired what the file asks, e.g. {@code running}, {@code active, enabled}, {@code present}
 * @param actual what is there, e.g. {@code exited}, {@code running (healthy)}, {@code absent}
 * @param reason what it waits for or why it was skipped, in {@link dev.podkeeper.agent.plan.ActionText}'s
 *     words: {@code waiting for unit zigbee2mqtt.service, which failed}, {@code skipped: ...}
 * @param ports the host ports it publishes, as the file writes them ({@code 127.0.0.1:8080:8080/tcp})
 * @param lastAction the last action taken on it (this pass or earlier), e.g. {@code start-container}
 * @param lastCause why that action was taken, or why it is pending
 */
public record ObjectStatus(
    String kind,
    String name,
    String desired,
    String actual,
    ObjectState state,
    Optional<Instant> backingOffUntil,
    Optional<String> reason,
    List<String> ports,
    Optional<String> lastAction,
    Optional<String> lastCause,
    Optional<String> lastError) {

  public ObjectStatus {
    requireNonNull(kind, "kind is null");
    requireNonNull(name, "name is null");
    requireNonNull(desired, "desired is null");
    requireNonNull(actual, "actual is null");
    requireNonNull(state, "state is null");
    requireNonNull(backingOffUntil, "backingOffUntil is null");
    requireNonNull(reason, "reason is null");
    ports = List.copyOf(ports);
    requireNonNull(lastAction, "lastAction is null");
    requireNonNull(lastCause, "lastCause is null");
    requireNonNull(lastError, "lastError is null");
    if (state == ObjectState.BACKING_OFF && backingOffUntil.isEmpty()) {
      throw new IllegalArgumentException(kind + " " + name + " is backing off without an end time");
    }
  }

  /** A row without a reason or ports. */
  public ObjectStatus(String kind, String name, String desired, String actual, ObjectState state,
      Optional<Instant> backingOffUntil, Optional<String> lastAction, Optional<String> lastCause,
      Optional<String> lastError) {
    this(kind, name, desired, actual, state, backingOffUntil, Optional.empty(), List.of(), lastAction, lastCause,
        lastError);
  }
}
