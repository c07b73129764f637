package dev.podkeeper.agent.execute;

import dev.podkeeper.agent.lifecycle.FatalErrors;
import dev.podkeeper.agent.plan.Action;
import dev.podkeeper.agent.plan.ActionText;
import dev.podkeeper.agent.plan.Outcome;
import dev.podkeeper.agent.plan.Plan;
import dev.podkeeper.agent.plan.PresetOutcome;
import dev.podkeeper.model.SecretMask;
import dev.podkeeper.model.port.FailureKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One execution of a plan. The calling thread schedules: it starts each action, in plan order, once every
 * action it waits for (or comes after) is done, and settles without running those whose dependency did not
 * succeed (skipped) or whose outcome the planner preset; an action it only comes after may have failed. Steps run on
 * the pool, at most {@code lanes} at a time; results come back through a queue, so all bookkeeping and the
 * listener stay on one thread.
 *
 * <p>A step is handed to the pool only when a lane is free, and then the one that comes first in the plan among
 * those ready. Handing every ready step to the pool's queue at once ran them first come, first served: an action
 * made ready late (a provider's namespace members, once it is created) waited behind every independent one
 * queued before it, where its place in the plan is right after what it waits for.
 */
final class ExecutionRun {
  private final Plan plan;
  private final Steps steps;
  private final ContainerIds ids;
  private final Clock clock;
  private final SecretMask scrubber;
  private final Consumer<ActionResult> listener;
  private final ExecutorService pool;
  private final Map<String, ActionResult> done = new HashMap<>();
  private final Set<String> started = new HashSet<>();
  private final BlockingQueue<ActionResult> finished = new LinkedBlockingQueue<>();
  private final int lanes;
  private int running;
  private final Duration deadline;
  /** An Error a step threw: it ends the run once that step's failure is recorded (see {@link #run}). */
  private volatile Error fatal;

  /**
   * @param lanes how many steps run at a time (the pool has as many threads)
   * @param deadline how long the whole run may take (real time); what is not done then fails
   */
  ExecutionRun(Plan plan, Steps steps, ContainerIds ids, Clock clock, Consumer<ActionResult> listener,
      ExecutorService pool, int lanes, Duration deadline) {
    this.plan = plan;
    this.steps = steps;
    this.ids = ids;
    this.clock = clock;
    this.scrubber = new SecretMask(plan.secretValues().reveal());
    this.listener = listener;
    this.pool = pool;
    this.lanes = lanes;
    this.deadline = deadline;
  }

  /**
   * Results in plan order.
   *
   * @throws Error the first Error (not a LinkageError) a step threw, after its action's failure was recorded
   */
  List<ActionResult> run() throws InterruptedException {
    int total = plan.actions().size();
    long giveUpAt = System.nanoTime() + deadline.toNanos();
    while (done.size() < total) {
      startReady();
      if (done.size() < total) {
        ActionResult next = finished.poll(Math.max(0, giveUpAt - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (next == null) {
          giveUp();
          break;
        }
        running--;
        record(next);
        if (fatal != null) {
          // Recorded first, so the log shows which action it was; the loop then ends the process.
          throw fatal;
        }
      }
    }
    return plan.actions().stream().map(a -> done.get(a.id())).toList();
  }

  private void startReady() {
    // One forward scan suffices: an action waits only for earlier ones, so settling one here is seen below.
    for (Action action : plan.actions()) {
      if (started.contains(action.id()) || !done.keySet().containsAll(action.startsAfter())) {
        continue;
      }
      Optional<ActionResult> settled = settle(action);
      if (settled.isPresent()) {
        started.add(action.id());
        record(settled.get());
      } else if (running < lanes) {
        started.add(action.id());
        running++;
        pool.execute(() -> finished.add(runStep(action)));
      }
    }
  }

  /** The deadline passed: what still runs, and what still waits for it, fails, saying so. */
  private void giveUp() {
    Instant now = clock.instant();
    String limit = deadline.toSeconds() >= 120 ? deadline.toMinutes() + " min" : deadline.toSeconds() + " s";
    Set<String> doneInTime = Set.copyOf(done.keySet());
    for (Action action : plan.actions()) {
      if (doneInTime.contains(action.id())) {
        continue;
      }
      List<String> notDone = action.startsAfter().stream().filter(d -> !doneInTime.contains(d)).toList();
      String why = started.contains(action.id())
          ? "still running after " + limit + ", the deadline of a whole plan; given up (the next pass looks again)"
          : "waited " + limit + ", the deadline of a whole plan, for " + (notDone.isEmpty()
              ? "one of the " + lanes + " actions run at a time to end" : notDone)
              + "; given up (the next pass looks again)";
      record(new ActionResult(action, Outcome.FAILED, now, deadline.toMillis(), Optional.of(why)));
    }
  }

  private Optional<ActionResult> settle(Action action) {
    Instant now = clock.instant();
    for (String dependency : action.waitsFor()) {
      ActionResult result = done.get(dependency);
      if (!result.ok()) {
        return Optional.of(new ActionResult(action, Outcome.SKIPPED, now, 0,
            Optional.of("skipped: " + ActionText.skippedFor(result.action(), result.outcome()))));
      }
    }
    // The planner fails an action in advance only for what it saw cannot work (a name clash, a secret that
    // cannot be read): that stays so until the file or the world changes.
    return action.preset().map(preset -> new ActionResult(action, preset.outcome(), now, 0, Optional.of(text(preset)),
        preset.outcome() == Outcome.FAILED ? Optional.of(FailureKind.PERMANENT) : Optional.empty()));
  }

  private String text(PresetOutcome preset) {
    String reason = scrubber.mask(preset.reason());
    return preset.outcome() == Outcome.SKIPPED ? "skipped: " + reason : reason;
  }

  private ActionResult runStep(Action action) {
    Instant start = clock.instant();
    Optional<String> error;
    Optional<FailureKind> kind;
    try {
      steps.forKind(action.kind()).run(action, ids);
      error = Optional.empty();
      kind = Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = Optional.of("interrupted");
      kind = Optional.of(FailureKind.TRANSIENT);
    } catch (Throwable e) { // anything: a result must come back, or the scheduler waits forever
      if (FatalErrors.isFatal(e)) {
        fatal = (Error) e;
      }
      error = Optional.of(scrubber.mask(ErrorText.of(e)));
      kind = Optional.of(FailureKinds.of(e));
    }
    long millis = Duration.between(start, clock.instant()).toMillis();
    return new ActionResult(action, error.isEmpty() ? Outcome.OK : Outcome.FAILED, start, Math.max(0, millis), error,
        kind);
  }

  private void record(ActionResult result) {
    done.put(result.id(), result);
    listener.accept(result);
  }
}
