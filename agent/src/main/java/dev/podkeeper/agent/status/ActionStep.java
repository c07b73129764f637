package dev.podkeeper.agent.status;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.execute.ActionResult;
import dev.podkeeper.agent.plan.Action;
import dev.podkeeper.agent.plan.ActionKind;
import dev.podkeeper.agent.plan.Outcome;
import dev.podkeeper.agent.plan.PlanForecast;
import java.util.Optional;

/**
 * An action as status sees it: planned only ({@code outcome} empty, for a fresh view) or run.
 *
 * @param error the executor's scrubbed error text, or the reason it was skipped or refused
 * @param expected for a planned action, the outcome already known (a preset, or a skip because what it waits
 *     for will fail); empty for one expected to run, and for a run one
 */
public record ActionStep(Action action, Optional<Outcome> outcome, Optional<String> error,
    Optional<PlanForecast.Expected> expected) {
  public ActionStep {
    requireNonNull(action, "action is null");
    requireNonNull(outcome, "outcome is null");
    requireNonNull(error, "error is null");
    requireNonNull(expected, "expected is null");
  }

  public ActionStep(Action action, Optional<Outcome> outcome, Optional<String> error) {
    this(action, outcome, error, Optional.empty());
  }

  /** Planned, with what the planner already knows of its preset only. */
  public static ActionStep planned(Action action) {
    return new ActionStep(action, Optional.empty(), action.preset().map(p -> p.reason()),
        action.preset().map(p -> new PlanForecast.Expected(p.outcome(), p.reason())));
  }

  /** Planned, with what {@code forecast} expects of it. */
  public static ActionStep planned(Action action, PlanForecast forecast) {
    return new ActionStep(action, Optional.empty(), action.preset().map(p -> p.reason()), forecast.of(action));
  }

  public static ActionStep ran(ActionResult result) {
    return new ActionStep(result.action(), Optional.of(result.outcome()), result.error());
  }

  public ObjectKey key() {
    return ObjectKey.of(action);
  }

  public ObjectState state() {
    return outcome.map(ActionState::after).orElseGet(() -> ActionState.pending(action, expected));
  }

  boolean succeeded() {
    return outcome.equals(Optional.of(Outcome.OK));
  }

  /** A removal that went through: its object is gone and needs no row. */
  boolean removedForGood() {
    return succeeded()
        && (action.kind() == ActionKind.REMOVE_CONTAINER || action.kind() == ActionKind.REMOVE_NETWORK);
  }

  /** Health waits accompany the action that matters; they speak for an object only when alone. */
  boolean isHealthWait() {
    return action.kind() == ActionKind.AWAIT_HEALTHY;
  }
}
