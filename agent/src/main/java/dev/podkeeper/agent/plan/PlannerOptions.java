package dev.podkeeper.agent.plan;

import java.util.Map;

/**
 * @param allowEmpty apply a file that would remove every container of the stack
 * @param holds actions not to take in this pass, by action id ({@code kind:target}); data computed before
 *     planning (crash-loop backoff, retries, parked failures), which the planner only reads
 * @param noSystemd {@code --no-systemd}: a trial on a host without systemd; units are neither checked nor acted
 *     on, and containers do not wait for the units they require
 */
public record PlannerOptions(boolean allowEmpty, Map<String, Hold> holds, boolean noSystemd) {
  public static final PlannerOptions DEFAULT = new PlannerOptions(false, Map.of(), false);

  public PlannerOptions {
    holds = Map.copyOf(holds);
  }

  public PlannerOptions(boolean allowEmpty, Map<String, Hold> holds) {
    this(allowEmpty, holds, false);
  }

  public PlannerOptions withAllowEmpty(boolean allow) {
    return new PlannerOptions(allow, holds, noSystemd);
  }

  public PlannerOptions withHolds(Map<String, Hold> replacing) {
    return new PlannerOptions(allowEmpty, replacing, noSystemd);
  }

  public PlannerOptions withNoSystemd(boolean without) {
    return new PlannerOptions(allowEmpty, holds, without);
  }
}
