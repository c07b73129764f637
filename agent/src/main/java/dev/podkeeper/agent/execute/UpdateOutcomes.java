package dev.podkeeper.agent.execute;

import dev.podkeeper.agent.plan.ImageUpdate;

/** Told how each performed image update ended, for the log's {@code updated} and {@code rolled-back} lines. */
public interface UpdateOutcomes {
  UpdateOutcomes NONE = new UpdateOutcomes() {
    @Override
    public void updated(ImageUpdate update) {}

    @Override
    public void rolledBack(ImageUpdate update, String why) {}
  };

  /** The container runs {@link ImageUpdate#to} and passed its health gate. */
  void updated(ImageUpdate update);

  /** The new image failed its health gate ({@code why}); the container runs the previous one again. */
  void rolledBack(ImageUpdate update, String why);
}
