package dev.podkeeper.agent.metrics;

import dev.podkeeper.agent.execute.ActionResult;
import dev.podkeeper.agent.plan.Action;
import dev.podkeeper.agent.reconcile.Trigger;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which successful actions are repairs, and of what, in a few fixed words (a label value: never the action's
 * own cause, which quotes exit codes, times and ids). A repair puts back what changed behind podkeeper's back.
 * Some causes can only come from the world (a container exited, a namespace died); a missing or drifted object
 * is a repair only in a pass that no change of the file asked for (an engine event or a resync), as the same
 * action after an edit applies the edit.
 */
final class RepairCause {
  private static final Set<Trigger> WORLD_ONLY = EnumSet.of(Trigger.EVENT, Trigger.RESYNC);

  private RepairCause() {}

  static Optional<String> of(ActionResult result, Trigger trigger) {
    if (!result.ok()) {
      return Optional.empty();
    }
    Action action = result.action();
    String cause = action.cause();
    Optional<String> fromTheWorld = switch (action.kind()) {
      case START_CONTAINER -> Optional.of(cause.startsWith("OOM-killed") ? "oom-killed"
          : cause.startsWith("exited") ? "exited" : "never-started");
      case RESTART_CONTAINER -> Optional.of("dead-namespace");
      case RECREATE_CONTAINER -> cause.equals("dead") ? Optional.of("dead") : Optional.empty();
      case UNIT_START -> cause.equals("not found") ? Optional.empty() : Optional.of("unit-stopped");
      default -> Optional.empty();
    };
    if (fromTheWorld.isPresent() || !WORLD_ONLY.contains(trigger)) {
      return fromTheWorld;
    }
    return switch (action.kind()) {
      case CREATE_CONTAINER, CREATE_NETWORK -> cause.equals("missing") ? Optional.of("missing") : Optional.empty();
      case ENSURE_DIRECTORY, WRITE_ENV_FILE -> Optional.of(cause.startsWith("missing") ? "missing" : "drifted");
      default -> Optional.empty();
    };
  }
}
