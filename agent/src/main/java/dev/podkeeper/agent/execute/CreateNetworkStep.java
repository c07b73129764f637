package dev.podkeeper.agent.execute;

import dev.podkeeper.agent.plan.Action;
import dev.podkeeper.agent.plan.ActionInput.NetworkCreation;
import dev.podkeeper.model.Labels;
import dev.podkeeper.model.hash.SpecHasher;
import dev.podkeeper.model.port.ContainerEngine;
import java.util.Map;

/** Creates a bridge network with the podkeeper labels. */
final class CreateNetworkStep implements Step {
  private final ContainerEngine engine;

  CreateNetworkStep(ContainerEngine engine) {
    this.engine = engine;
  }

  @Override
  public void run(Action action, ContainerIds ids) {
    NetworkCreation network = action.input(NetworkCreation.class);
    engine.createNetwork(network.spec(), Map.of(
        Labels.STACK, network.stack(),
        Labels.SPEC_HASH, SpecHasher.networkHash(network.spec())));
  }
}
