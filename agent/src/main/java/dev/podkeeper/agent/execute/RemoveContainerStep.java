package dev.podkeeper.agent.execute;

import dev.podkeeper.agent.plan.Action;
import dev.podkeeper.agent.plan.ActionInput.ContainerRef;
import dev.podkeeper.model.port.ContainerEngine;

/** Stops a container gracefully (removal alone would kill it), then removes it; never its volumes. */
final class RemoveContainerStep implements Step {
  private final ContainerEngine engine;

  RemoveContainerStep(ContainerEngine engine) {
    this.engine = engine;
  }

  @Override
  public void run(Action action, ContainerIds ids) {
    ContainerRef ref = action.input(ContainerRef.class);
    engine.stopContainer(ref.id(), ref.stopTimeout());
    engine.removeContainer(ref.id());
    ids.forget(action.target());
  }
}
