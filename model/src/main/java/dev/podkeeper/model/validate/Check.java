package dev.podkeeper.model.validate;

import dev.podkeeper.model.desired.DesiredState;
import java.util.List;

/** One group of rules over the whole desired state; adds what it finds and never stops early. */
interface Check {
  void check(DesiredState state, List<Violation> found);

  static NodePath container(String name) {
    return NodePath.of("containers", name);
  }
}
