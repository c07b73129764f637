package dev.podkeeper.agent.execute;

import dev.podkeeper.agent.plan.Action;
import dev.podkeeper.agent.plan.ActionInput.ContainerRef;
import dev.podkeeper.model.port.ContainerEngine;

/** Starts a stopped container. */
final class StartContainerStep implements Step {
  private final ContainerEngine engine;

  StartContainerStep(ContainerEngine engine) {
    this.engine = engine;
  }

  @Override
  public void run(Action action, ContainerIds ids) {
    engine.startContainer(action.input(ContainerRef.class).id());
  }
}
