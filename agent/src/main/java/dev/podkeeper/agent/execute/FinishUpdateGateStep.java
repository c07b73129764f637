package dev.podkeeper.agent.execute;

import dev.podkeeper.agent.plan.Action;
import dev.podkeeper.agent.plan.ActionInput.GateFinish;

/** Finishes the update gate an earlier process left open on a container ({@link UpdateGateRun}). */
final class FinishUpdateGateStep implements Step {
  private final UpdateGateRun gates;

  FinishUpdateGateStep(UpdateGateRun gates) {
    this.gates = gates;
  }

  @Override
  public void run(Action action, ContainerIds ids) throws InterruptedException {
    GateFinish input = action.input(GateFinish.class);
    gates.finish(input.creation(), input.gate(), input.members(), ids);
  }
}
