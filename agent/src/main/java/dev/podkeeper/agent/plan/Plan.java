package dev.podkeeper.agent.plan;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The actions of one pass, in the order to start them. Every action waits only for actions before it,
 * which makes the plan acyclic by construction and lets the executor dispatch in one forward scan.
 *
 * @param secretValues the secret values the plan's inputs carry: the executor scrubs them from error texts
 */
public record Plan(List<Action> actions, Redacted<Set<String>> secretValues) {

  public Plan {
    actions = List.copyOf(actions);
    requireNonNull(secretValues, "secretValues is null");
    Set<String> earlier = new HashSet<>();
    for (Action action : actions) {
      for (String dependency : action.startsAfter()) {
        if (!earlier.contains(dependency)) {
          throw new IllegalArgumentException(action.id() + " waits for " + dependency + ", which is not earlier in the plan");
        }
      }
      if (!earlier.add(action.id())) {
        throw new IllegalArgumentException("two actions have the id " + action.id());
      }
    }
  }

  public static Plan of(List<Action> actions) {
    return new Plan(actions, Redacted.of(Set.of()));
  }

  public boolean isEmpty() {
    return actions.isEmpty();
  }

  public Optional<Action> action(String id) {
    return actions.stream().filter(a -> a.id().equals(id)).findFirst();
  }
}
