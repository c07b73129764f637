package dev.podkeeper.agent.plan;

import static java.util.Objects.requireNonNull;

/**
 * An outcome the planner already knows, so the executor records it without running anything: a name
 * clash or an unreadable secret fails, a container in crash-loop backoff is skipped. The action stays in
 * the plan so that the log says what was not done and why, and its dependents are skipped.
 */
public record PresetOutcome(Outcome outcome, String reason) {
  public PresetOutcome {
    requireNonNull(outcome, "outcome is null");
    requireNonNull(reason, "reason is null");
    if (outcome == Outcome.OK) {
      throw new IllegalArgumentException("a preset outcome is a failure or a skip, not ok");
    }
  }
}
