package dev.podkeeper.agent.execute;

import java.time.Duration;

/** Waiting between polls, injected so that tests can advance a clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
  Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
