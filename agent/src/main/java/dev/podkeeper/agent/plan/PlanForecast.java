package dev.podkeeper.agent.plan;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a plan will do before it runs, as far as the planner already knows: actions with a preset outcome
 * (a clash, an unreadable secret, units while systemd is unreachable, a crash-loop hold) and the actions
 * that will be skipped because something they wait for will fail or be skipped. The executor settles the
 * same actions the same way; {@code plan} and a fresh {@code status} say so ahead of time.
 */
public final class PlanForecast {
  /** @param reason in {@link ActionText}'s words, e.g. {@code waiting for unit x.service, which will fail} */
  public record Expected(Outcome outcome, String reason) {}

  private final Map<String, Expected> expected;

  private PlanForecast(Map<String, Expected> expected) {
    this.expected = expected;
  }

  public static PlanForecast of(Plan plan) {
    Map<String, Expected> expected = new LinkedHashMap<>();
    Map<String, Action> byId = new HashMap<>();
    // Actions wait only for earlier ones: one forward scan sees every dependency's fate first.
    for (Action action : plan.actions()) {
      byId.put(action.id(), action);
      Optional<Expected> fate = action.waitsFor().stream()
          .filter(expected::containsKey)
          .findFirst()
          .map(dep -> new Expected(Outcome.SKIPPED,
              ActionText.willBeSkippedFor(byId.get(dep), expected.get(dep).outcome())))
          .or(() -> action.preset().map(p -> new Expected(p.outcome(), p.reason())));
      fate.ifPresent(f -> expected.put(action.id(), f));
    }
    return new PlanForecast(expected);
  }

  /** Empty for an action expected to run. */
  public Optional<Expected> of(Action action) {
    return Optional.ofNullable(expected.get(action.id()));
  }

  /** {@code will fail: REASON} or {@code will be skipped: REASON}, for an action not expected to run. */
  public Optional<String> text(Action action) {
    return of(action).map(e -> ActionText.ahead(e.outcome(), e.reason()));
  }
}
