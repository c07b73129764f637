package dev.podkeeper.agent.loop;

import dev.podkeeper.agent.reconcile.PassResult;
import java.util.List;
import java.util.Optional;

/** Told of each pass of the agent as it starts and as it ends. */
@FunctionalInterface
public interface PassListener {
  PassListener NONE = (request, result) -> { };

  /** Before the pass reads the file or the world, on the loop's thread. */
  default void started(PassRequest request) {}

  /** @param result empty when the pass threw before it had one */
  void finished(PassRequest request, Optional<PassResult> result);

  /** Tells each of {@code listeners} in turn. */
  static PassListener all(List<? extends PassListener> listeners) {
    List<PassListener> each = List.copyOf(listeners);
    return new PassListener() {
      @Override
      public void started(PassRequest request) {
        each.forEach(listener -> listener.started(request));
      }

      @Override
      public void finished(PassRequest request, Optional<PassResult> result) {
        each.forEach(listener -> listener.finished(request, result));
      }
    };
  }
}
