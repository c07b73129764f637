package dev.podkeeper.model.validate;

import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.UnitSpec;
import java.util.List;

/**
 * {@code dependsOn}, {@code requiresUnits} and {@code envFiles} by name refer to what the file declares
 * ({@code network} is {@link NetworkCheck}'s). A required unit must be one the file wants active, or
 * the container would wait for it forever.
 */
final class ReferenceCheck implements Check {

  @Override
  public void check(DesiredState state, List<Violation> found) {
    for (ContainerSpec c : state.containers().values()) {
      NodePath path = Check.container(c.name());
      for (int i = 0; i < c.dependsOn().size(); i++) {
        String dep = c.dependsOn().get(i);
        if (!state.containers().containsKey(dep)) {
          found.add(Violation.at(Rule.REFS_UNKNOWN, path.key("dependsOn").index(i), "dependsOn names " + Quote.of(dep)
              + ", which is not a container of this file" + Suggestions.didYouMean(dep, state.containers().keySet())));
        }
      }
      for (int i = 0; i < c.requiresUnits().size(); i++) {
        requiredUnit(c.requiresUnits().get(i), state, path.key("requiresUnits").index(i), found);
      }
      for (int i = 0; i < c.envFiles().size(); i++) {
        String envFile = c.envFiles().get(i);
        // Entries with a slash are paths of existing env files: PathCheck reads those.
        if (!envFile.contains("/") && !state.envFiles().containsKey(envFile)) {
          found.add(Violation.at(Rule.REFS_UNKNOWN, path.key("envFiles").index(i), "envFiles names " + Quote.of(envFile)
              + ", which is neither an env file of this file nor an absolute path"
              + Suggestions.didYouMean(envFile, state.envFiles().keySet())));
        }
      }
    }
  }

  /** {@code zigbee2mqtt} for a declared {@code zigbee2mqtt.service}: systemd names a unit with its suffix. */
  private static java.util.Optional<String> withSuffix(String unit, DesiredState state) {
    return state.units().keySet().stream()
        .filter(u -> u.startsWith(unit + ".") && u.indexOf('.', unit.length() + 1) < 0).findFirst();
  }

  private static void requiredUnit(String unit, DesiredState state, NodePath path, List<Violation> found) {
    UnitSpec spec = state.units().get(unit);
    if (spec == null) {
      String close = withSuffix(unit, state).map(u -> " (did you mean " + Quote.of(u) + "?)")
          .orElse(Suggestions.didYouMean(unit, state.units().keySet()));
      String declare = unit.contains(".") ? "; declare it under units:"
          : "; declare it under units:, named with its suffix, e.g. " + Quote.bare(unit) + ".service";
      found.add(Violation.at(Rule.REFS_UNKNOWN, path, "requiresUnits names " + Quote.of(unit)
              + ", which is not a unit of this file" + (close.isEmpty() ? declare : close)));
    } else if (spec.state() != UnitSpec.UnitState.ACTIVE) {
      found.add(Violation.at(Rule.REFS_INACTIVE_UNIT, path,
          "requiresUnits names " + Quote.of(unit) + ", which the file wants inactive"));
    }
  }
}
