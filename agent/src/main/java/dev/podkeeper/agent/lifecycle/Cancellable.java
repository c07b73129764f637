package dev.podkeeper.agent.lifecycle;

/** A task scheduled on a {@link Scheduler}; cancelling one that already ran does nothing. */
@FunctionalInterface
public interface Cancellable {
  void cancel();
}
