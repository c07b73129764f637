package dev.podkeeper.agent.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects actions in the order they are decided; {@link Plan} checks that they only wait for earlier ones.
 * An action that is held ({@link PlannerOptions#holds}) goes in skipped, with the hold's reason.
 */
final class PlanBuilder {
  private final List<Action> actions = new ArrayList<>();
  private final Map<String, Hold> holds;

  PlanBuilder(Map<String, Hold> holds) {
    this.holds = holds;
  }

  /** Adds the action and returns its id, for dependents to wait for. */
  String add(Action action) {
    Hold hold = holds.get(action.id());
    actions.add(hold == null ? action : action.skipping(hold.reason()));
    return action.id();
  }

  /** The ids of the actions decided so far on one object, for actions that must come after all of them. */
  List<String> idsFor(ActionKind.Domain domain, String target) {
    return actions.stream().filter(a -> a.kind().domain() == domain && a.target().equals(target)).map(Action::id).toList();
  }

  Plan build(Redacted<Set<String>> secretValues) {
    return new Plan(actions, secretValues);
  }
}
