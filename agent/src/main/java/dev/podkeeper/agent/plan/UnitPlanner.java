package dev.podkeeper.agent.plan;

import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.UnitSpec;
import dev.podkeeper.model.desired.UnitSpec.UnitState;
import dev.podkeeper.model.observed.ObservedUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Unit enablement, then unit state ({@code systemctl enable --now} order). When systemd cannot be
 * observed, each unit gets one failed action saying so, and the containers that require it are skipped.
 */
final class UnitPlanner {
  /** Unit file states that enable and disable cannot change (systemctl says so and does nothing). */
  private static final Set<String> FIXED_ENABLEMENT = Set.of("static", "generated", "transient", "indirect", "alias");

  private UnitPlanner() {}

  /** Returns each unit's last action, for the containers that require the unit, by unit name. */
  static Map<String, String> plan(PlanBuilder plan, DesiredState desired, ObservedWorld world) {
    Map<String, String> last = new LinkedHashMap<>();
    for (UnitSpec spec : desired.units().values()) {
      String name = spec.name();
      if (world.unitsUnavailable().isPresent()) {
        ActionKind kind = spec.state() == UnitState.ACTIVE ? ActionKind.UNIT_START : ActionKind.UNIT_STOP;
        last.put(name, plan.add(Action.of(kind, name, "state unknown", new ActionInput.None())
            .failing(world.unitsUnavailable().get())));
        continue;
      }
      ObservedUnit unit = world.engine().units().getOrDefault(name,
          new ObservedUnit(name, "not-found", "inactive", "dead", ""));
      List<String> ids = new ArrayList<>();
      spec.enabled().filter(enable -> !enablementMatches(enable, unit)).ifPresent(enable -> ids.add(plan.add(Action.of(
          enable ? ActionKind.UNIT_ENABLE : ActionKind.UNIT_DISABLE, name,
          unit.unitFileState().isEmpty() ? "no unit file" : unit.unitFileState(), new ActionInput.None()))));
      if ((spec.state() == UnitState.ACTIVE) != unit.active()) {
        ActionKind kind = spec.state() == UnitState.ACTIVE ? ActionKind.UNIT_START : ActionKind.UNIT_STOP;
        String cause = unit.exists() ? unit.activeState() + " (" + unit.subState() + ")" : "not found";
        ids.add(plan.add(Action.of(kind, name, cause, new ActionInput.None()).waitingFor(List.copyOf(ids))));
      }
      if (!ids.isEmpty()) {
        last.put(name, ids.get(ids.size() - 1));
      }
    }
    return last;
  }

  private static boolean enablementMatches(boolean enable, ObservedUnit unit) {
    return FIXED_ENABLEMENT.contains(unit.unitFileState()) || enable == unit.enabled();
  }
}
