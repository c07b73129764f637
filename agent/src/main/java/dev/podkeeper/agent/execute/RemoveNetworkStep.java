package dev.podkeeper.agent.execute;

import dev.podkeeper.agent.plan.Action;
import dev.podkeeper.agent.plan.ActionInput.NetworkRef;
import dev.podkeeper.model.port.ContainerEngine;

/** Removes a managed network; the plan has removed its containers first. */
final class RemoveNetworkStep implements Step {
  private final ContainerEngine engine;

  RemoveNetworkStep(ContainerEngine engine) {
    this.engine = engine;
  }

  @Override
  public void run(Action action, ContainerIds ids) {
    engine.removeNetwork(action.input(NetworkRef.class).id());
  }
}
