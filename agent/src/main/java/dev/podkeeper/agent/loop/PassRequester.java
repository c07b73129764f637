package dev.podkeeper.agent.loop;


import dev.podkeeper.agent.reconcile.Trigger;
/** What a trigger source sees of the loop: it may only ask for a pass. */
@FunctionalInterface
public interface PassRequester {

  /** Marks a pass as needed; returns at once. Safe from any thread. */
  void request(Trigger trigger);
}
