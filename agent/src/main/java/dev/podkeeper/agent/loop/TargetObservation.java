package dev.podkeeper.agent.loop;

import dev.podkeeper.agent.plan.Action;
import dev.podkeeper.agent.plan.ObservedWorld;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What a pass observed of an action's target, as a value to compare between passes: an engine event about
 * the object (it was created, started, died, removed) or a resync shows as a different value. Secret
 * values stay inside their {@code Redacted} wrappers, which compare by content and never print it.
 */
final class TargetObservation {
  private TargetObservation() {}

  static Object of(ObservedWorld world, Action action) {
    String target = action.target();
    return switch (action.kind().domain()) {
      case CONTAINER -> Arrays.asList(world.engine().container(target), world.containerEnv().get(target));
      case NETWORK -> List.of(world.engine().network(target));
      case DIRECTORY -> List.of(world.attributes(Path.of(target)));
      case ENV_FILE -> Arrays.asList(world.envFiles().get(target));
      case UNIT -> Arrays.asList(world.engine().units().get(target), world.unitsUnavailable());
      // The proxy is read beside the world, not in it: a parked site or route waits for a change of the file.
      case SITE, ROUTE -> List.of(target);
    };
  }
}
