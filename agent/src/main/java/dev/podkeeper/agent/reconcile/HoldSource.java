package dev.podkeeper.agent.reconcile;

import dev.podkeeper.agent.plan.Hold;
import dev.podkeeper.agent.plan.ObservedWorld;
import dev.podkeeper.model.desired.DesiredState;
import java.util.Map;

/**
 * What the long-running agent brings to a pass from the passes before it: holds on actions (a crash loop
 * backing off, a retry not yet due, a failure parked), computed from what this pass observed, before
 * planning, so that the planner stays a pure function of its inputs. A single {@code apply} has none.
 */
@FunctionalInterface
public interface HoldSource {
  HoldSource NONE = (desired, world) -> Map.of();

  /** Holds by action id ({@code kind:target}). */
  Map<String, Hold> holds(DesiredState desired, ObservedWorld world);
}
