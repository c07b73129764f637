package dev.podkeeper.agent.loop;

import dev.podkeeper.agent.reconcile.PassResult;
import java.util.Optional;

/** Told of each pass of the agent as it ends. */
@FunctionalInterface
public interface PassListener {
  PassListener NONE = (request, result) -> { };

  /** @param result empty when the pass threw before it had one */
  void finished(PassRequest request, Optional<PassResult> result);
}
