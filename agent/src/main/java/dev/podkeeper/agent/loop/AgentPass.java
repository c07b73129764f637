package dev.podkeeper.agent.loop;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.notify.ServiceNotifier;
import dev.podkeeper.agent.plan.Hold;
import dev.podkeeper.agent.plan.PlannerOptions;
import dev.podkeeper.agent.reconcile.HoldSource;
import dev.podkeeper.agent.reconcile.PassResult;
import dev.podkeeper.agent.reconcile.ReconcilePass;
import dev.podkeeper.agent.status.ObjectStatus;
import dev.podkeeper.agent.update.UpdateRows;
import dev.podkeeper.agent.reconcile.Trigger;
import dev.podkeeper.agent.status.ActionStep;
import dev.podkeeper.agent.status.PassSummary;
import dev.podkeeper.agent.status.StatusBoard;
import dev.podkeeper.agent.status.StatusHistory;
import dev.podkeeper.agent.status.StatusSnapshot;
import dev.podkeeper.agent.status.StatusView;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.port.FailureKind;
import dev.podkeeper.model.observed.ObservedState;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of the long-running agent, around the same {@link ReconcilePass} that {@code apply} runs:
 * re-read the file when asked to, reconcile the last good state with the holds that earlier passes call for
 * (crash loops, retries not yet due, parked failures), then learn from the results, publish them (status
 * socket, systemd STATUS=, READY=1 after the first pass) and say when to wake up.
 */
public final class AgentPass implements PassRunner {
  private static final Logger log = LoggerFactory.getLogger(AgentPass.class);
  /**
   * Triggers after which the file is read again; the watcher may miss changes (NFS, bind mounts), and
   * {@code apply} asks for a pass (manual) to apply the file as it is now.
   */
  private static final Set<Trigger> REREAD = EnumSet.of(Trigger.FILE, Trigger.SIGNAL, Trigger.RESYNC, Trigger.MANUAL);

  private final DesiredStateStore store;
  private final ReconcilePass pass;
  private final PlannerOptions options;
  private final CrashLoopBackoff backoff;
  private final CrashLoopHolds crashLoops;
  private final ActionRetries retries;
  private final StatusBoard board;
  private final StatusHistory history = new StatusHistory();
  private final ServiceNotifier notifier;
  private final Clock clock;
  private final PassListener listener;
  /** The refusal last reported at ERROR: the same one, pass after pass, is said once. */
  private Optional<String> refusal = Optional.empty();

  public AgentPass(DesiredStateStore store, ReconcilePass pass, boolean allowEmpty, CrashLoopBackoff backoff,
      StatusBoard board, ServiceNotifier notifier, Clock clock) {
    this(store, pass, allowEmpty, backoff, board, notifier, clock, RetryPolicy.ACTIONS);
  }

  public AgentPass(DesiredStateStore store, ReconcilePass pass, boolean allowEmpty, CrashLoopBackoff backoff,
      StatusBoard board, ServiceNotifier notifier, Clock clock, RetryPolicy retryPolicy) {
    this(store, pass, allowEmpty, backoff, board, notifier, clock, retryPolicy, PassListener.NONE);
  }

  public AgentPass(DesiredStateStore store, ReconcilePass pass, boolean allowEmpty, CrashLoopBackoff backoff,
      StatusBoard board, ServiceNotifier notifier, Clock clock, RetryPolicy retryPolicy, PassListener listener) {
    this(store, pass, allowEmpty, false, backoff, board, notifier, clock, retryPolicy, listener);
  }

  /**
   * @param noSystemd {@code --no-systemd}: units are not checked and do not block
   * @param listener told of every pass as it ends ({@link ManualPasses} answers {@code apply} so)
   */
  public AgentPass(DesiredStateStore store, ReconcilePass pass, boolean allowEmpty, boolean noSystemd,
      CrashLoopBackoff backoff, StatusBoard board, ServiceNotifier notifier, Clock clock, RetryPolicy retryPolicy,
      PassListener listener) {
    this(store, pass, PlannerOptions.DEFAULT.withAllowEmpty(allowEmpty).withNoSystemd(noSystemd), backoff, board,
        notifier, clock, retryPolicy, listener);
  }

  /** @param options allow-empty, no-systemd and adopt, as the command line gave them; holds are added per pass */
  public AgentPass(DesiredStateStore store, ReconcilePass pass, PlannerOptions options, CrashLoopBackoff backoff,
      StatusBoard board, ServiceNotifier notifier, Clock clock, RetryPolicy retryPolicy, PassListener listener) {
    this.listener = requireNonNull(listener, "listener is null");
    this.store = requireNonNull(store, "store is null");
    this.pass = requireNonNull(pass, "pass is null");
    this.backoff = requireNonNull(backoff, "backoff is null");
    this.options = requireNonNull(options, "options is null");
    this.board = requireNonNull(board, "board is null");
    this.notifier = requireNonNull(notifier, "notifier is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.crashLoops = new CrashLoopHolds(backoff, clock);
    this.retries = new ActionRetries(retryPolicy, clock, store.file());
  }

  @Override
  public PassOutcome run(PassRequest request) throws InterruptedException {
    Optional<PassResult> result = Optional.empty();
    try {
      listener.started(request);
      result = Optional.of(reconcile(request));
      return outcome(result.get());
    } finally {
      listener.finished(request, result);
    }
  }

  private PassResult reconcile(PassRequest request) throws InterruptedException {
    if (request.triggers().stream().anyMatch(REREAD::contains) && store.reload() == DesiredStateStore.Reload.CHANGED) {
      retries.forgetAll();
      refusal = Optional.empty();
    }
    DesiredState desired = store.current()
        .orElseThrow(() -> new IllegalStateException("no valid desired state has been read from " + store.file()));
    backoff.retainOnly(desired.containers().keySet());
    if (request.triggers().size() > 1) {
      log.debug("pass merges the requests: {}", request.triggerWords());
    }
    AtomicReference<ObservedState> observed = new AtomicReference<>();
    HoldSource holds = (state, world) -> {
      observed.set(world.engine()); // what status speaks from, as a fresh status would
      Map<String, Hold> all = new HashMap<>(retries.holds(world));
      all.putAll(crashLoops.holds(state, world.engine().containers()));
      return all;
    };
    PassResult result = pass.run(desired, request.primaryTrigger(), options, holds);
    publish(desired, result, Optional.ofNullable(observed.get()));
    return result;
  }

  private PassOutcome outcome(PassResult result) {
    Instant now = clock.instant();
    if (result.abortedBecause().isPresent()) {
      boolean transientAbort = result.abortKind().orElse(FailureKind.TRANSIENT) == FailureKind.TRANSIENT;
      if (!transientAbort) {
        reportRefusal(result.abortedBecause().get());
      }
      // A transient abort is the loop's to retry, as a whole pass; a permanent one waits for a change.
      return new PassOutcome(transientAbort, backoff.nextExpiry(now));
    }
    refusal = Optional.empty();
    Optional<Instant> retryDue = retries.record(result.results());
    // Skips alone are not failures: a held action is woken for by wakeAt.
    return new PassOutcome(false, Stream.of(retryDue, backoff.nextExpiry(now)).flatMap(Optional::stream)
        .min(Instant::compareTo));
  }

  private void reportRefusal(String reason) {
    if (!refusal.equals(Optional.of(reason))) {
      log.error("{}; waiting for a change of {}", reason, store.file());
      refusal = Optional.of(reason);
    }
  }

  /** @param observed the gates are read from its labels, less those that ended in this process */
  private List<ObjectStatus> withUpdates(List<ObjectStatus> rows, DesiredState desired,
      Optional<ObservedState> observed, Instant now) {
    List<ObjectStatus> all = new java.util.ArrayList<>(rows);
    all.addAll(UpdateRows.of(pass.updateFindings(),
        observed.map(o -> pass.openUpdateGates(desired, o, now)).orElse(Map.of())));
    return all;
  }

  /** @param observed what the pass saw before it acted: status then speaks as a fresh view would */
  private void publish(DesiredState desired, PassResult result, Optional<ObservedState> observed) {
    List<ActionStep> steps = result.results().stream().map(ActionStep::ran).toList();
    Instant now = clock.instant();
    StatusView view = new StatusView(desired, observed, name -> backoff.backingOffUntil(name, now),
        options.noSystemd());
    String summary = PassSummary.of(result)
        + ReconcilePass.noSystemdNote(desired, options).map(note -> "; " + note).orElse("");
    board.publish(new StatusSnapshot(StatusSnapshot.AGENT, now, store.file().toString(), desired.stack(),
        result.passId(), summary, store.rejectedEdit(),
        withUpdates(view.rows(steps, history.record(steps)), desired, observed, now)));
    List<String> rejected = store.rejectedEdit();
    notifier.readyWithStatus(rejected.isEmpty() ? summary
        : "edit NOT applied (" + rejected.size() + " problem" + (rejected.size() == 1 ? "" : "s")
            + ", see podkeeper status); " + summary);
  }
}
