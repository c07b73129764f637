package dev.podkeeper.agent.plan;

import static java.util.Objects.requireNonNull;

/**
 * Why an action the planner would take is not to be taken in this pass, decided before planning from what
 * the agent remembers of earlier passes (a crash loop backing off, a retry not yet due, a failure parked
 * until something changes). The planner keeps the action in the plan, skipped with this reason, so that
 * the log says what was not done and why, and its dependents are skipped too.
 */
public record Hold(String reason) {
  public Hold {
    requireNonNull(reason, "reason is null");
    if (reason.isBlank()) {
      throw new IllegalArgumentException("a hold says why");
    }
  }
}
