package dev.podkeeper.agent.reconcile;

import dev.podkeeper.agent.execute.ActionResult;
import dev.podkeeper.agent.execute.Executor;
import dev.podkeeper.agent.observe.ProxyObserver;
import dev.podkeeper.agent.observe.WorldObserver;
import dev.podkeeper.agent.plan.Action;
import dev.podkeeper.agent.plan.ActionKind;
import dev.podkeeper.agent.plan.ObservedWorld;
import dev.podkeeper.agent.plan.Plan;
import dev.podkeeper.agent.plan.PlanRefusedException;
import dev.podkeeper.agent.plan.Planner;
import dev.podkeeper.agent.plan.PlannerOptions;
import dev.podkeeper.agent.plan.SpecHashes;
import dev.podkeeper.agent.plan.UpdateGate;
import dev.podkeeper.agent.update.UpdateFinding;
import dev.podkeeper.agent.update.UpdateWatch;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.observed.ObservedState;
import dev.podkeeper.model.port.EngineException;
import dev.podkeeper.model.port.FailureKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One reconcile pass: observe the whole world, plan, execute, log. Idempotent: a second pass on a converged
 * world plans nothing and costs two engine list calls; a pass for engine events in the agent costs one
 * inspect per container they touched ({@link dev.podkeeper.agent.observe.EnginePicture}). If the engine cannot be listed or the plan is
 * refused, nothing is changed and the summary says why.
 */
public final class ReconcilePass {
  private final WorldObserver observer;
  private final ProxyObserver proxyObserver;
  private final Executor executor;
  private final ReconcileLog log;
  private final Clock clock;
  private final Supplier<String> passIds;
  private final UpdateWatch updates;
  private final SpecHashes hashes = new SpecHashes();

  public ReconcilePass(WorldObserver observer, Executor executor, ReconcileLog log, Clock clock,
      Supplier<String> passIds) {
    this(observer, ProxyObserver.NONE, executor, log, clock, passIds);
  }

  /** @param proxyObserver reads the reverse proxy, whose routes the executor then keeps */
  public ReconcilePass(WorldObserver observer, ProxyObserver proxyObserver, Executor executor, ReconcileLog log,
      Clock clock, Supplier<String> passIds) {
    this(observer, proxyObserver, executor, log, clock, passIds, UpdateWatch.NONE);
  }

  /** @param updates asked each pass, once the world is observed, what the followed images' tags name now */
  public ReconcilePass(WorldObserver observer, ProxyObserver proxyObserver, Executor executor, ReconcileLog log,
      Clock clock, Supplier<String> passIds, UpdateWatch updates) {
    this.updates = updates;
    this.observer = observer;
    this.proxyObserver = proxyObserver;
    this.executor = executor;
    this.log = log;
    this.clock = clock;
    this.passIds = passIds;
  }

  /** The followed images' findings of the last pass, for status. */
  public List<UpdateFinding> updateFindings() {
    return updates.findings();
  }

  /** The update gates still open on {@code observed}'s containers at {@code now}, for status. */
  public Map<String, UpdateGate> openUpdateGates(DesiredState desired, ObservedState observed, Instant now) {
    return updates.openGates(desired, observed, now);
  }

  /** Under {@code --no-systemd}, what the pass left out: said once per pass, in its summary line. */
  public static Optional<String> noSystemdNote(DesiredState desired, PlannerOptions options) {
    if (!options.noSystemd() || desired.units().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("--no-systemd: " + desired.units().size() + " unit" + (desired.units().size() == 1 ? "" : "s")
        + " not checked, requiresUnits do not block");
  }

  public PassResult run(DesiredState desired, Trigger trigger, PlannerOptions options) throws InterruptedException {
    return run(desired, trigger, options, HoldSource.NONE);
  }

  private Plan plan(DesiredState desired, ObservedWorld world, PlannerOptions options, HoldSource holds) {
    return Planner.plan(desired, world, proxyObserver.observe(desired), options.withHolds(holds.holds(desired, world)),
        hashes);
  }

  /** Actions that stop or remove what exists: never planned from the picture alone. */
  private static boolean destroys(Plan plan) {
    return plan.actions().stream().map(Action::kind).anyMatch(DESTRUCTIVE::contains);
  }

  private static final Set<ActionKind> DESTRUCTIVE = EnumSet.of(ActionKind.REMOVE_CONTAINER,
      ActionKind.REMOVE_NETWORK, ActionKind.RECREATE_CONTAINER, ActionKind.RESTART_CONTAINER,
      ActionKind.FINISH_UPDATE_GATE);

  /** @param holds asked once the world is observed; its holds are handed to the planner with {@code options} */
  public PassResult run(DesiredState desired, Trigger trigger, PlannerOptions options, HoldSource holds)
      throws InterruptedException {
    String passId = passIds.get();
    Instant start = clock.instant();
    long callsBefore = observer.engineCalls();
    List<ActionResult> results = List.of();
    Optional<String> aborted = Optional.empty();
    Optional<FailureKind> abortKind = Optional.empty();
    boolean engineReached = true;
    try {
      // Only engine events may be answered from the kept picture; every other trigger sees the engine afresh.
      WorldObserver.Observation seen =
          observer.observe(desired, !options.noSystemd(), trigger == Trigger.EVENT, options.adopt());
      // Updates and open gates are found before planning: the planner decides on the recreate of an update to
      // perform, and on finishing a gate an earlier process left open (the containers' labels say so).
      PlannerOptions updating =
          options.withUpdates(UpdateWatch.toPerform(updates.observe(desired, seen.world().engine())))
              .withGates(updates.openGates(desired, seen.world().engine(), clock.instant()));
      Plan plan = plan(desired, seen.world(), updating, holds);
      if (seen.fromPicture() && destroys(plan)) {
        // The picture is never the only truth for a removal, a recreate or a stop: look again, then decide.
        observer.forgetPicture();
        seen = observer.observe(desired, !options.noSystemd(), false, options.adopt());
        plan = plan(desired, seen.world(), updating, holds);
      }
      if (!plan.isEmpty()) {
        observer.forgetPicture(); // the engine changes under the actions; the next pass lists it
      }
      results = executor.execute(plan, seen.world().engine(), result -> log.action(passId, trigger, result));
    } catch (EngineException e) {
      aborted = Optional.of(e.getMessage());
      abortKind = Optional.of(e.kind());
      engineReached = false;
    } catch (PlanRefusedException e) {
      aborted = Optional.of(e.getMessage());
      abortKind = Optional.of(FailureKind.PERMANENT);
    }
    Convergence convergence = Convergence.of(desired, results, aborted.isPresent());
    PassResult result = new PassResult(passId, trigger, start, Duration.between(start, clock.instant()), results,
        convergence.converged(), convergence.total(), aborted, observer.engineCalls() - callsBefore, abortKind,
        engineReached);
    log.summary(result, noSystemdNote(desired, options));
    return result;
  }
}
