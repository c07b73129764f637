package dev.podkeeper.agent.notify;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether the agent's work still moves. The watchdog pings, and the start-up timeout is extended, only while
 * it does: a pass that hangs must let systemd kill and restart the agent, not be kept alive by a timer.
 */
@FunctionalInterface
public interface Liveness {
  Liveness ALWAYS = now -> Optional.empty();

  /** Empty while alive; else why not, in words for the one log line that says the pings stop. */
  Optional<String> stuck(Instant now);
}
