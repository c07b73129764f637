package dev.podkeeper.agent.loop;

/** Runs one whole reconcile pass (observe, plan, execute, log). Called by the loop's single worker only. */
@FunctionalInterface
public interface PassRunner {

  /** Throws when the pass could not run at all (e.g. the engine is unreachable); the loop retries. */
  PassOutcome run(PassRequest request) throws Exception;
}
