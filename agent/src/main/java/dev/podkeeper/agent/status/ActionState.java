package dev.podkeeper.agent.status;

import dev.podkeeper.agent.plan.Action;
import dev.podkeeper.agent.plan.ActionKind;
import dev.podkeeper.agent.plan.Outcome;
import dev.podkeeper.agent.plan.PlanForecast;
import java.util.Optional;

/**
 * What an action says about its object's state: planned (not run yet, for a fresh view) an action names
 * the drift it would fix; run, its outcome says whether the object is now as desired.
 */
final class ActionState {
  private ActionState() {}

  /**
   * The state an object is in when {@code action} is planned for it (and has not run): failed or waiting when
   * its outcome is already {@code expected}, else the drift it would fix.
   */
  static ObjectState pending(Action action, Optional<PlanForecast.Expected> expected) {
    return expected.map(e -> e.outcome() == Outcome.FAILED ? ObjectState.FAILED : ObjectState.WAITING)
        .orElseGet(() -> drift(action.kind()));
  }

  /** The state after an action ran with {@code outcome}; a removal that succeeded leaves no object. */
  static ObjectState after(Outcome outcome) {
    return switch (outcome) {
      case OK -> ObjectState.OK;
      case FAILED -> ObjectState.FAILED;
      case SKIPPED -> ObjectState.WAITING;
    };
  }

  private static ObjectState drift(ActionKind kind) {
    return switch (kind) {
      case CREATE_CONTAINER, CREATE_NETWORK, ENSURE_DIRECTORY, SITE_ADD, ROUTE_ADD -> ObjectState.MISSING;
      case START_CONTAINER, UNIT_START -> ObjectState.STOPPED;
      case RECREATE_CONTAINER, RESTART_CONTAINER, WRITE_ENV_FILE, UNIT_STOP, UNIT_ENABLE, UNIT_DISABLE, SITE_UPDATE,
          ROUTE_UPDATE ->
          ObjectState.DRIFTED;
      case REMOVE_CONTAINER, REMOVE_NETWORK, SITE_REMOVE, ROUTE_REMOVE -> ObjectState.ORPHANED;
      case REPORT_CLASH -> ObjectState.FAILED;
      case AWAIT_HEALTHY, FINISH_UPDATE_GATE -> ObjectState.WAITING;
    };
  }
}
