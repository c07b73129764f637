package dev.podkeeper.agent.loop;

/**
 * Told of each image update the agent tried (spec section 7): whatever counts them (the metrics) listens here,
 * so that the updater knows nothing of how they are counted.
 */
@FunctionalInterface
public interface ImageUpdateListener {
  ImageUpdateListener NONE = outcome -> { };

  /**
   * @param outcome one word from a small fixed set, e.g. {@code updated}, {@code current}, {@code failed},
   *     {@code rolled-back}: it becomes a label value, so never a name, a digest or an error text
   */
  void finished(String outcome);
}
