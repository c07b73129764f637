package dev.podkeeper.agent.execute;

import dev.podkeeper.agent.plan.Action;

/** Carries out one kind of action; throws with the engine's or the system's own words when it cannot. */
interface Step {
  void run(Action action, ContainerIds ids) throws Exception;
}
