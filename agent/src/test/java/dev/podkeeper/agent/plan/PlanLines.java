package dev.podkeeper.agent.plan;

import java.util.List;

/**
 * A plan as lines {@code kind target: cause <- waits (after others) !preset}: one string says order, cause,
 * waits (which must succeed), what it only comes after, and preset.
 */
final class PlanLines {
  private PlanLines() {}

  static List<String> of(Plan plan) {
    return plan.actions().stream().map(PlanLines::line).toList();
  }

  private static String line(Action a) {
    String waits = a.waitsFor().isEmpty() ? "" : " <- " + String.join(", ", a.waitsFor());
    String after = a.after().isEmpty() ? "" : " (after " + String.join(", ", a.after()) + ")";
    String preset = a.preset().map(p -> " !" + p.outcome().word()).orElse("");
    return a.describe() + waits + after + preset;
  }
}
