package dev.podkeeper.model.validate;

import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DesiredState;
import java.util.List;
import java.util.regex.Pattern;

/** The form of the stack name, object names, aliases and unit names. */
final class NameCheck implements Check {
  static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
  private static final Pattern STACK = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final Pattern UNIT = Pattern.compile(
      "[a-zA-Z0-9:_.@\\\\-]+\\.(service|socket|target|mount|automount|swap|path|timer|slice)");
  private static final Pattern UNIT_SUFFIX = Pattern.compile(".*\\.[a-z]+");

  @Override
  public void check(DesiredState state, List<Violation> found) {
    if (!STACK.matcher(state.stack()).matches()) {
      found.add(Violation.at(Rule.STACK_NAME, NodePath.of("stack"),
          "stack " + Quote.of(state.stack()) + " must match " + STACK.pattern()));
    }
    state.networks().keySet().forEach(n -> name("network", NodePath.of("networks", n), n, found));
    state.envFiles().keySet().forEach(n -> name("env file", NodePath.of("envFiles", n), n, found));
    for (ContainerSpec c : state.containers().values()) {
      name("container", Check.container(c.name()), c.name(), found);
      for (int i = 0; i < c.aliases().size(); i++) {
        String alias = c.aliases().get(i);
        if (!NAME.matcher(alias).matches()) {
          found.add(Violation.at(Rule.NAMES, Check.container(c.name()).key("aliases").index(i),
              "alias " + Quote.of(alias) + " must match " + NAME.pattern()));
        }
      }
    }
    state.units().keySet().forEach(u -> unit(u, found));
  }

  private static void name(String what, NodePath path, String name, List<Violation> found) {
    if (!NAME.matcher(name).matches()) {
      found.add(Violation.atKey(Rule.NAMES, path, what + " name " + Quote.of(name) + " must match " + NAME.pattern()));
    }
  }

  private static void unit(String name, List<Violation> found) {
    if (UNIT.matcher(name).matches()) {
      return;
    }
    NodePath path = NodePath.of("units", name);
    String message = UNIT_SUFFIX.matcher(name).matches() || name.contains(".")
        ? "unit " + Quote.of(name) + " is not a systemd unit name: letters, digits and :_.-@, then a suffix such as .service"
        : "unit " + Quote.of(name) + " has no unit suffix (did you mean " + Quote.of(name + ".service") + "?)";
    found.add(Violation.atKey(Rule.UNITS_SUFFIX, path, message));
  }
}
