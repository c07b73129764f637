package dev.podkeeper.agent.execute;

import dev.podkeeper.agent.plan.Action;
import dev.podkeeper.agent.plan.ActionInput.ContainerCreation;

/** Pulls the image if needed, creates the container and starts it. */
final class CreateContainerStep implements Step {
  private final ContainerCreator creator;

  CreateContainerStep(ContainerCreator creator) {
    this.creator = creator;
  }

  @Override
  public void run(Action action, ContainerIds ids) throws InterruptedException {
    ContainerCreation creation = action.input(ContainerCreation.class);
    creator.ensureImage(creation.spec());
    creator.createAndStart(creation, ids);
  }
}
