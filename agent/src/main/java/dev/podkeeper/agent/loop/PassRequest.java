package dev.podkeeper.agent.loop;

import dev.podkeeper.agent.reconcile.Trigger;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One pass the loop runs: its id (1, 2, ... for the agent's life) and every trigger merged into it.
 *
 * @param triggers never empty: a pass always has a reason
 */
public record PassRequest(long passId, Set<Trigger> triggers) {
  public PassRequest {
    if (passId < 1) {
      throw new IllegalArgumentException("pass ids count from 1: " + passId);
    }
    if (triggers.isEmpty()) {
      throw new IllegalArgumentException("pass " + passId + " has no trigger");
    }
    triggers = Set.copyOf(EnumSet.copyOf(triggers));
  }

  /** The triggers in declaration order, e.g. {@code file,event}, as the reconcile log prints them. */
  public String triggerWords() {
    return EnumSet.copyOf(triggers).stream().map(Trigger::word).collect(Collectors.joining(","));
  }

  /**
   * The one trigger the reconcile log names for a merged pass: manual when someone asked for it ({@code apply}
   * prints this pass as its own), else the first in {@link Trigger}'s order (startup before file before
   * event ...); the others are logged when the pass starts.
   */
  public Trigger primaryTrigger() {
    return triggers.contains(Trigger.MANUAL) ? Trigger.MANUAL : EnumSet.copyOf(triggers).iterator().next();
  }
}
