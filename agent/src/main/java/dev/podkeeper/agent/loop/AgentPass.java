package dev.podkeeper.agent.loop;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.notify.ServiceNotifier;
import dev.podkeeper.agent.plan.PlannerOptions;
import dev.podkeeper.agent.reconcile.PassResult;
import dev.podkeeper.agent.reconcile.ReconcilePass;
import dev.podkeeper.agent.reconcile.Trigger;
import dev.podkeeper.agent.status.ActionStep;
import dev.podkeeper.agent.status.PassSummary;
import dev.podkeeper.agent.status.StatusBoard;
import dev.podkeeper.agent.status.StatusHistory;
import dev.podkeeper.agent.status.StatusSnapshot;
import dev.podkeeper.agent.status.StatusView;
import dev.podkeeper.model.desired.DesiredState;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of the long-running agent, around the same {@link ReconcilePass} that {@code apply} runs:
 * re-read the file when asked to, reconcile the last good state with the crash-loop gate, then publish
 * the result (status socket, systemd STATUS=, READY=1 after the first pass) and say when to wake up.
 */
public final class AgentPass implements PassRunner {
  private static final Logger log = LoggerFactory.getLogger(AgentPass.class);
  /** Triggers after which the file is read again; the watcher may miss changes (NFS, bind mounts). */
  private static final Set<Trigger> REREAD = EnumSet.of(Trigger.FILE, Trigger.SIGNAL, Trigger.RESYNC);

  private final DesiredStateStore store;
  private final ReconcilePass pass;
  private final PlannerOptions options;
  private final CrashLoopBackoff backoff;
  private final StatusBoard board;
  private final StatusHistory history = new StatusHistory();
  private final ServiceNotifier notifier;
  private final Clock clock;

  public AgentPass(DesiredStateStore store, ReconcilePass pass, boolean allowEmpty, CrashLoopBackoff backoff,
      StatusBoard board, ServiceNotifier notifier, Clock clock) {
    this.store = requireNonNull(store, "store is null");
    this.pass = requireNonNull(pass, "pass is null");
    this.backoff = requireNonNull(backoff, "backoff is null");
    this.options = new PlannerOptions(allowEmpty, new CrashLoopGate(backoff, clock));
    this.board = requireNonNull(board, "board is null");
    this.notifier = requireNonNull(notifier, "notifier is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  @Override
  public PassOutcome run(PassRequest request) throws InterruptedException {
    if (request.triggers().stream().anyMatch(REREAD::contains)) {
      store.reload();
    }
    DesiredState desired = store.current()
        .orElseThrow(() -> new IllegalStateException("no valid desired state has been read from " + store.file()));
    backoff.retainOnly(desired.containers().keySet());
    if (request.triggers().size() > 1) {
      log.debug("pass merges the requests: {}", request.triggerWords());
    }
    PassResult result = pass.run(desired, request.primaryTrigger(), options);
    publish(desired, result);
    Instant now = clock.instant();
    // Skips alone are not failures: a container held back by the crash-loop gate is woken for by wakeAt.
    boolean failed = result.abortedBecause().isPresent() || !result.failures().isEmpty();
    return new PassOutcome(failed, backoff.nextExpiry(now));
  }

  private void publish(DesiredState desired, PassResult result) {
    List<ActionStep> steps = result.results().stream().map(ActionStep::ran).toList();
    Instant now = clock.instant();
    StatusView view = new StatusView(desired, Optional.empty(), name -> backoff.backingOffUntil(name, now));
    String summary = PassSummary.of(result);
    board.publish(new StatusSnapshot(StatusSnapshot.AGENT, now, store.file().toString(), desired.stack(),
        result.passId(), summary, view.rows(steps, history.record(steps))));
    notifier.readyWithStatus(summary);
  }
}
