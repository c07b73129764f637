package dev.podkeeper.agent.reconcile;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.execute.ActionResult;
import dev.podkeeper.agent.plan.Outcome;
import dev.podkeeper.model.port.FailureKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How one reconcile pass went.
 *
 * @param results one per planned action, in plan order; empty for a converged world or an aborted pass
 * @param convergedObjects how many of the file's objects are as declared after the pass
 * @param desiredObjects how many objects the file declares (containers, networks, directories, env files, units)
 * @param abortedBecause why the pass decided nothing: the engine could not be listed, or the plan was refused
 * @param engineCalls requests the pass made to the engine: a converged pass costs the same at any stack size
 * @param abortKind for an aborted pass: whether passing again later can help (an engine that cannot be
 *     reached: yes; a refused plan: not until the file changes)
 * @param engineReached the engine answered the pass's list calls (a refused plan was still observed)
 */
public record PassResult(
    String passId,
    Trigger trigger,
    Instant startedAt,
    Duration duration,
    List<ActionResult> results,
    int convergedObjects,
    int desiredObjects,
    Optional<String> abortedBecause,
    long engineCalls,
    Optional<FailureKind> abortKind,
    boolean engineReached) {

  public PassResult {
    requireNonNull(passId, "passId is null");
    requireNonNull(trigger, "trigger is null");
    requireNonNull(startedAt, "startedAt is null");
    requireNonNull(duration, "duration is null");
    results = List.copyOf(results);
    if (convergedObjects < 0 || convergedObjects > desiredObjects) {
      throw new IllegalArgumentException("converged " + convergedObjects + " of " + desiredObjects);
    }
    requireNonNull(abortedBecause, "abortedBecause is null");
    if (engineCalls < 0) {
      throw new IllegalArgumentException("engineCalls is negative: " + engineCalls);
    }
    requireNonNull(abortKind, "abortKind is null");
    if (abortedBecause.isPresent() != abortKind.isPresent()) {
      throw new IllegalArgumentException("an abort kind is given exactly when the pass was aborted");
    }
    if (!engineReached && abortedBecause.isEmpty()) {
      throw new IllegalArgumentException("a pass that did not reach the engine was aborted");
    }
  }

  /** A pass that reached the engine unless it was aborted. */
  public PassResult(String passId, Trigger trigger, Instant startedAt, Duration duration, List<ActionResult> results,
      int convergedObjects, int desiredObjects, Optional<String> abortedBecause, long engineCalls,
      Optional<FailureKind> abortKind) {
    this(passId, trigger, startedAt, duration, results, convergedObjects, desiredObjects, abortedBecause, engineCalls,
        abortKind, abortedBecause.isEmpty());
  }

  /** A pass whose abort, if any, is transient. */
  public PassResult(String passId, Trigger trigger, Instant startedAt, Duration duration, List<ActionResult> results,
      int convergedObjects, int desiredObjects, Optional<String> abortedBecause, long engineCalls) {
    this(passId, trigger, startedAt, duration, results, convergedObjects, desiredObjects, abortedBecause, engineCalls,
        abortedBecause.map(reason -> FailureKind.TRANSIENT));
  }

  /** Every action succeeded (none failed or was skipped) and the pass was not aborted. */
  public boolean converged() {
    return abortedBecause.isEmpty() && results.stream().allMatch(ActionResult::ok);
  }

  public List<ActionResult> failures() {
    return withOutcome(Outcome.FAILED);
  }

  public List<ActionResult> skipped() {
    return withOutcome(Outcome.SKIPPED);
  }

  private List<ActionResult> withOutcome(Outcome outcome) {
    return results.stream().filter(r -> r.outcome() == outcome).toList();
  }
}
