package dev.podkeeper.agent.loop;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.reconcile.PassResult;
import dev.podkeeper.agent.reconcile.ReconcileLog;
import dev.podkeeper.agent.reconcile.Trigger;
import dev.podkeeper.agent.status.PassExchange;
import dev.podkeeper.model.desired.DesiredState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;

/**
 * {@code apply} while this agent keeps the stack: instead of a second writer racing the agent, the agent
 * runs the pass (trigger manual, through the loop like any other, so never two at once) and answers with
 * its reconcile log lines. A waiter is answered by the first pass carrying the manual trigger that the
 * loop starts after the request; a pass already running when it came does not count, as it may have
 * read the file before the edit that {@code apply} was run for. {@code apply --check-updates}: that same pass asks
 * the registries now, not on the policies' intervals; it is told so as it starts, before it looks at updates.
 */
public final class ManualPasses implements PassExchange.Handler, PassListener {
  private record Waiter(long after, boolean checkUpdates, CompletableFuture<Optional<PassResult>> result) {
    boolean answeredBy(PassRequest request) {
      return after < request.passId() && request.triggers().contains(Trigger.MANUAL);
    }
  }

  private final PassRequester loop;
  private final LongSupplier passesStarted;
  private final DesiredStateStore store;
  private final Runnable checkUpdatesNow;
  private final List<Waiter> waiters = new ArrayList<>();

  public ManualPasses(PassRequester loop, LongSupplier passesStarted, DesiredStateStore store) {
    this(loop, passesStarted, store, () -> { });
  }

  /** @param checkUpdatesNow makes the pass that runs next ask about every followed reference */
  public ManualPasses(PassRequester loop, LongSupplier passesStarted, DesiredStateStore store,
      Runnable checkUpdatesNow) {
    this.loop = requireNonNull(loop, "loop is null");
    this.passesStarted = requireNonNull(passesStarted, "passesStarted is null");
    this.store = requireNonNull(store, "store is null");
    this.checkUpdatesNow = requireNonNull(checkUpdatesNow, "checkUpdatesNow is null");
  }

  @Override
  public PassExchange.Answer run(PassExchange.Ask ask) throws InterruptedException {
    Path kept = store.file().toAbsolutePath().normalize();
    if (!ask.file().equals(kept)) {
      return PassExchange.Answer.refused(store.current().map(DesiredState::stack),
          "this agent keeps " + kept + ", not " + ask.file());
    }
    Waiter waiter;
    synchronized (waiters) {
      waiter = new Waiter(passesStarted.getAsLong(), ask.checkUpdates(), new CompletableFuture<>());
      waiters.add(waiter);
    }
    loop.request(Trigger.MANUAL);
    Optional<PassResult> result;
    try {
      result = waiter.result().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("a manual pass waiter cannot fail", e);
    }
    return result.map(r -> PassExchange.Answer.ran(r.converged(), lines(r, ask)))
        .orElseGet(() -> PassExchange.Answer.ran(false,
            List.of("the agent's pass failed before it had a result; its own log says why")));
  }

  @Override
  public void started(PassRequest request) {
    synchronized (waiters) {
      if (waiters.stream().anyMatch(w -> w.checkUpdates() && w.answeredBy(request))) {
        checkUpdatesNow.run();
      }
    }
  }

  @Override
  public void finished(PassRequest request, Optional<PassResult> result) {
    synchronized (waiters) {
      waiters.removeIf(w -> w.answeredBy(request) && w.result().complete(result));
    }
  }

  private static List<String> lines(PassResult result, PassExchange.Ask ask) {
    StringWriter text = new StringWriter();
    ReconcileLog log = new ReconcileLog(new PrintWriter(text), ask.format());
    result.results().forEach(r -> log.action(result.passId(), result.trigger(), r));
    log.summary(result);
    return text.toString().lines().toList();
  }
}
