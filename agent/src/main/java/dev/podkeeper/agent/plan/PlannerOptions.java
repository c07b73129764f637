package dev.podkeeper.agent.plan;

import java.util.Map;

/**
 * @param allowEmpty apply a file that would remove every container of the stack
 * @param holds actions not to take in this pass, by action id ({@code kind:target}); data computed before
 *     planning (crash-loop backoff, retries, parked failures), which the planner only reads
 */
public record PlannerOptions(boolean allowEmpty, Map<String, Hold> holds) {
  public static final PlannerOptions DEFAULT = new PlannerOptions(false, Map.of());

  public PlannerOptions {
    holds = Map.copyOf(holds);
  }

  public PlannerOptions withAllowEmpty(boolean allow) {
    return new PlannerOptions(allow, holds);
  }

  public PlannerOptions withHolds(Map<String, Hold> replacing) {
    return new PlannerOptions(allowEmpty, replacing);
  }
}
