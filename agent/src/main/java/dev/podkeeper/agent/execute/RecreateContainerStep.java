package dev.podkeeper.agent.execute;

import dev.podkeeper.agent.plan.Action;
import dev.podkeeper.agent.plan.ActionInput.ContainerCreation;
import dev.podkeeper.agent.plan.ActionInput.ContainerRef;
import dev.podkeeper.model.port.ContainerEngine;

/** Replaces a container: image first (a failed pull keeps the old one), then stop, remove, create, start. */
final class RecreateContainerStep implements Step {
  private final ContainerEngine engine;
  private final ContainerCreator creator;

  RecreateContainerStep(ContainerEngine engine, ContainerCreator creator) {
    this.engine = engine;
    this.creator = creator;
  }

  @Override
  public void run(Action action, ContainerIds ids) {
    ContainerCreation creation = action.input(ContainerCreation.class);
    String old = creation.replacedId()
        .orElseThrow(() -> new IllegalStateException(action.id() + " names no container to replace"));
    creator.ensureImage(creation.spec());
    engine.stopContainer(old, creation.spec().stopTimeout().orElse(ContainerRef.DEFAULT_STOP_TIMEOUT));
    engine.removeContainer(old);
    ids.forget(creation.spec().name());
    creator.createAndStart(creation, ids);
  }
}
