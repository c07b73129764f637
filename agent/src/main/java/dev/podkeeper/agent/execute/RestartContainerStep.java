package dev.podkeeper.agent.execute;

import dev.podkeeper.agent.plan.Action;
import dev.podkeeper.agent.plan.ActionInput.ContainerRef;
import dev.podkeeper.model.port.ContainerEngine;

/** Stops and starts a container, so that a namespace member joins its provider's current namespace. */
final class RestartContainerStep implements Step {
  private final ContainerEngine engine;

  RestartContainerStep(ContainerEngine engine) {
    this.engine = engine;
  }

  @Override
  public void run(Action action, ContainerIds ids) {
    ContainerRef ref = action.input(ContainerRef.class);
    engine.stopContainer(ref.id(), ref.stopTimeout());
    engine.startContainer(ref.id());
  }
}
