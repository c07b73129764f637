package dev.podkeeper.agent.plan;

import dev.podkeeper.model.observed.ObservedContainer;
import java.util.Optional;

/**
 * Whether the planner may start a stopped container now. The long-running agent implements crash-loop
 * backoff with it (10 s doubling to 5 min); a single pass always starts.
 */
@FunctionalInterface
public interface StartGate {
  StartGate ALWAYS_OPEN = container -> Optional.empty();

  /** Empty to start now; otherwise why not yet (e.g. "backing off until 12:00:40 after 3 crashes"). */
  Optional<String> holdBack(ObservedContainer container);
}
