package dev.podkeeper.agent.plan;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * @param allowEmpty apply a file that would remove every container of the stack
 * @param holds actions not to take in this pass, by action id ({@code kind:target}); data computed before
 *     planning (crash-loop backoff, retries, parked failures), which the planner only reads
 * @param noSystemd {@code --no-systemd}: a trial on a host without systemd; units are neither checked nor acted
 *     on, and containers do not wait for the units they require
 * @param adopt {@code --adopt NAME}: container names whose unmanaged holder (no podkeeper label at all) the user
 *     consents to have replaced by the declared container; a container of another stack is never adopted
 * @param updates image updates to perform, by container name: found before planning (registry checks), which the
 *     planner only reads
 * @param gates update gates still open, by container name: found before planning (the containers' labels and the
 *     clock), which the planner only reads
 */
public record PlannerOptions(boolean allowEmpty, Map<String, Hold> holds, boolean noSystemd, Set<String> adopt,
    Map<String, ImageUpdate> updates, Map<String, UpdateGate> gates) {
  public static final PlannerOptions DEFAULT =
      new PlannerOptions(false, Map.of(), false, Set.of(), Map.of(), Map.of());

  public PlannerOptions {
    holds = Map.copyOf(holds);
    adopt = Set.copyOf(adopt);
    updates = Map.copyOf(updates);
    gates = Map.copyOf(gates);
  }

  public PlannerOptions(boolean allowEmpty, Map<String, Hold> holds) {
    this(allowEmpty, holds, false, Set.of(), Map.of(), Map.of());
  }

  public PlannerOptions withAllowEmpty(boolean allow) {
    return new PlannerOptions(allow, holds, noSystemd, adopt, updates, gates);
  }

  public PlannerOptions withHolds(Map<String, Hold> replacing) {
    return new PlannerOptions(allowEmpty, replacing, noSystemd, adopt, updates, gates);
  }

  public PlannerOptions withNoSystemd(boolean without) {
    return new PlannerOptions(allowEmpty, holds, without, adopt, updates, gates);
  }

  public PlannerOptions withAdopt(Collection<String> names) {
    return new PlannerOptions(allowEmpty, holds, noSystemd, Set.copyOf(names), updates, gates);
  }

  public PlannerOptions withUpdates(Map<String, ImageUpdate> replacing) {
    return new PlannerOptions(allowEmpty, holds, noSystemd, adopt, replacing, gates);
  }

  public PlannerOptions withGates(Map<String, UpdateGate> open) {
    return new PlannerOptions(allowEmpty, holds, noSystemd, adopt, updates, open);
  }
}
