package dev.podkeeper.agent.cli;

import dev.podkeeper.agent.plan.Action;
import dev.podkeeper.agent.plan.Outcome;
import dev.podkeeper.agent.plan.Plan;
import dev.podkeeper.model.desired.DesiredState;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Prints a plan for people: numbered actions with their causes, which earlier actions each one waits for,
 * and the outcome already known for clashes, missing secrets and backoffs.
 */
final class PlanPrinter {
  private PlanPrinter() {}

  static void print(Plan plan, DesiredState desired, PrintWriter out) {
    if (plan.isEmpty()) {
      out.println("No changes: stack " + desired.stack() + " is as " + desired.source() + " declares.");
      return;
    }
    List<Action> actions = plan.actions();
    out.println("Plan for stack " + desired.stack() + " (" + desired.source() + "): " + actions.size() + " action"
        + (actions.size() == 1 ? "" : "s"));
    Map<String, Integer> numbers = new HashMap<>();
    for (int i = 0; i < actions.size(); i++) {
      Action action = actions.get(i);
      numbers.put(action.id(), i + 1);
      StringBuilder line = new StringBuilder(String.format("%3d. %s", i + 1, action.describe()));
      if (!action.waitsFor().isEmpty()) {
        line.append("  (after ").append(action.waitsFor().stream().map(id -> String.valueOf(numbers.get(id)))
            .collect(Collectors.joining(", "))).append(')');
      }
      action.preset().ifPresent(preset -> line.append(System.lineSeparator()).append("     ")
          .append(preset.outcome() == Outcome.FAILED ? "will fail: " : "will be skipped: ").append(preset.reason()));
      out.println(line);
    }
  }
}
