package dev.podkeeper.agent.execute;

import dev.podkeeper.agent.plan.Action;
import dev.podkeeper.agent.plan.ActionInput.ContainerCreation;
import java.util.Map;

/**
 * Replaces a container: image first (a failed pull keeps the old one), then stop, remove, create, start. A
 * recreate that performs an image update is {@link ImageUpdateRun}'s.
 */
final class RecreateContainerStep implements Step {
  private final ContainerCreator creator;
  private final ImageUpdateRun updates;

  RecreateContainerStep(ContainerCreator creator, ImageUpdateRun updates) {
    this.creator = creator;
    this.updates = updates;
  }

  @Override
  public void run(Action action, ContainerIds ids) throws InterruptedException {
    ContainerCreation creation = action.input(ContainerCreation.class);
    String old = creation.replacedId()
        .orElseThrow(() -> new IllegalStateException(action.id() + " names no container to replace"));
    if (creation.update().isPresent()) {
      updates.run(creation, creation.update().get(), old, ids);
      return;
    }
    creator.ensureImage(creation.spec());
    creator.replace(creation, old, ids, Map.of());
  }
}
