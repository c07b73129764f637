package dev.podkeeper.agent.execute;

import dev.podkeeper.agent.plan.Action;
import dev.podkeeper.model.port.UnitManager;
import java.util.function.BiConsumer;

/** One systemd job on the action's unit: start, stop, enable or disable. */
final class UnitJobStep implements Step {
  private final UnitManager units;
  private final BiConsumer<UnitManager, String> job;

  UnitJobStep(UnitManager units, BiConsumer<UnitManager, String> job) {
    this.units = units;
    this.job = job;
  }

  @Override
  public void run(Action action, ContainerIds ids) {
    job.accept(units, action.target());
  }
}
