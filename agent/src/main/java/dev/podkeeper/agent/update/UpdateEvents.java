package dev.podkeeper.agent.update;

/**
 * Told each update finding as it is logged (once per change), e.g. to count {@code podkeeper_image_updates_total}
 * by {@link UpdateFinding.State#word()}.
 */
@FunctionalInterface
public interface UpdateEvents {
  UpdateEvents NONE = finding -> {};

  void logged(UpdateFinding finding);
}
