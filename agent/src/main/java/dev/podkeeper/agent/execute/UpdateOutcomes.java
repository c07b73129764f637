package dev.podkeeper.agent.execute;

import dev.podkeeper.agent.plan.UpdateGate;

/** Told how each image update's health gate ended, for the log's {@code updated} and {@code rolled-back} lines. */
public interface UpdateOutcomes {
  UpdateOutcomes NONE = new UpdateOutcomes() {
    @Override
    public void updated(UpdateGate gate) {}

    @Override
    public void rolledBack(UpdateGate gate, String why) {}

    @Override
    public void failedWithoutRollback(UpdateGate gate) {}
  };

  /** The container runs the gate's {@code update().to()} and passed its health gate. */
  void updated(UpdateGate gate);

  /** The new image failed its health gate ({@code why}); the container runs the previous one again. */
  void rolledBack(UpdateGate gate, String why);

  /** The new image failed its health gate, and the policy does not roll back: it stays (the action fails). */
  void failedWithoutRollback(UpdateGate gate);
}
