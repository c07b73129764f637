package dev.podkeeper.agent.plan;

import static java.util.Objects.requireNonNull;

/**
 * @param allowEmpty apply a file that would remove every container of the stack
 * @param startGate consulted before starting a stopped container
 */
public record PlannerOptions(boolean allowEmpty, StartGate startGate) {
  public static final PlannerOptions DEFAULT = new PlannerOptions(false, StartGate.ALWAYS_OPEN);

  public PlannerOptions {
    requireNonNull(startGate, "startGate is null");
  }

  public PlannerOptions withAllowEmpty(boolean allow) {
    return new PlannerOptions(allow, startGate);
  }
}
