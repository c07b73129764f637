package dev.podkeeper.agent.update;

/**
 * Told each update line the log writes, by its event word: the findings ({@code update-available},
 * {@code held-back}, {@code update-check-failed}, once per change) and the outcomes ({@code updated},
 * {@code rolled-back}); e.g. to count {@code podkeeper_image_updates_total} by outcome.
 */
@FunctionalInterface
public interface UpdateEvents {
  UpdateEvents NONE = event -> {};

  /** @param event a word of that small fixed set: never a name, a digest or an error text */
  void logged(String event);
}
