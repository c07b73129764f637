package dev.podkeeper.agent.status;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * One row of {@code podkeeper status}. No field ever holds a secret value: causes and errors come from
 * actions and the executor, which already scrub them.
 *
 * @param kind container, network, unit, directory, env-file
 * @param desired what the file asks, e.g. {@code running}, {@code active, enabled}, {@code present}
 * @param actual what was last observed, e.g. {@code exited}, {@code running (healthy)}, {@code absent}
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
    requireNonNull(lastAction, "lastAction is null");
    requireNonNull(lastCause, "lastCause is null");
    requireNonNull(lastError, "lastError is null");
    if (state == ObjectState.BACKING_OFF && backingOffUntil.isEmpty()) {
      throw new IllegalArgumentException(kind + " " + name + " is backing off without an end time");
    }
  }
}
