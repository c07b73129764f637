package dev.podkeeper.agent.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Collects actions in the order they are decided; {@link Plan} checks that they only wait for earlier ones. */
final class PlanBuilder {
  private final List<Action> actions = new ArrayList<>();

  /** Adds the action and returns its id, for dependents to wait for. */
  String add(Action action) {
    actions.add(action);
    return action.id();
  }

  Plan build(Redacted<Set<String>> secretValues) {
    return new Plan(actions, secretValues);
  }
}
