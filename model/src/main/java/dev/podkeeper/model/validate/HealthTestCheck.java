package dev.podkeeper.model.validate;

import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.HealthCheck;
import java.util.List;

/** A health test says how to run it: {@code CMD} and a program, {@code CMD-SHELL} and a command, or {@code NONE}. */
final class HealthTestCheck implements Check {

  @Override
  public void check(DesiredState state, List<Violation> found) {
    for (ContainerSpec c : state.containers().values()) {
      if (c.health().isEmpty()) {
        continue;
      }
      NodePath path = Check.container(c.name()).key("health").key("test");
      List<String> test = c.health().map(HealthCheck::test).orElseThrow();
      String kind = test.isEmpty() ? "" : test.get(0);
      switch (kind) {
        case "CMD", "CMD-SHELL" -> {
          if (test.size() < 2) {
            found.add(Violation.at(Rule.VALUE_TYPE, path, "health test " + kind + " of container " + Quote.of(c.name())
              + " names nothing to run, e.g. [\"" + kind + "\", \"" + (kind.equals("CMD") ? "/bin/check" : "check || exit 1") + "\"]"));
          }
        }
        case "NONE" -> {
          if (test.size() > 1) {
            found.add(Violation.at(Rule.VALUE_TYPE, path, "health test NONE of container " + Quote.of(c.name())
              + " takes nothing after NONE"));
          }
        }
        default -> found.add(Violation.at(Rule.VALUE_ENUM, path, "health test of container " + Quote.of(c.name())
              + " must start with CMD, CMD-SHELL or NONE, e.g. [\"CMD-SHELL\", \"wget -q -O- http://127.0.0.1:80\"]"));
      }
    }
  }
}
