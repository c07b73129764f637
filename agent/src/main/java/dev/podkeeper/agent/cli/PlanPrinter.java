package dev.podkeeper.agent.cli;

import dev.podkeeper.agent.plan.Action;
import dev.podkeeper.agent.plan.ActionText;
import dev.podkeeper.agent.plan.Plan;
import dev.podkeeper.agent.plan.PlanForecast;
import dev.podkeeper.model.desired.DesiredState;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Prints a plan for people: numbered actions with their causes (in {@link ActionText}'s words), which
 * earlier actions each one waits for, and what is already known to fail or be skipped, including what is
 * skipped because something it waits for will fail.
 */
final class PlanPrinter {
  private PlanPrinter() {}

  /** @param note said once before the actions, e.g. what {@code --no-systemd} leaves out */
  static void print(Plan plan, DesiredState desired, Optional<String> note, PrintWriter out) {
    note.ifPresent(out::println);
    if (plan.isEmpty()) {
      out.println("No changes: stack " + desired.stack() + " is as " + desired.source() + " declares.");
      return;
    }
    List<Action> actions = plan.actions();
    out.println("Plan for stack " + desired.stack() + " (" + desired.source() + "): " + actions.size() + " action"
        + (actions.size() == 1 ? "" : "s"));
    PlanForecast forecast = PlanForecast.of(plan);
    Map<String, Integer> numbers = new HashMap<>();
    for (int i = 0; i < actions.size(); i++) {
      Action action = actions.get(i);
      numbers.put(action.id(), i + 1);
      StringBuilder line = new StringBuilder(String.format("%3d. %s", i + 1, ActionText.line(action)));
      if (!action.waitsFor().isEmpty()) {
        line.append("  (after ").append(action.waitsFor().stream().map(id -> String.valueOf(numbers.get(id)))
            .collect(Collectors.joining(", "))).append(')');
      }
      forecast.text(action).ifPresent(text -> line.append(System.lineSeparator()).append("     ").append(text));
      out.println(line);
    }
  }
}
