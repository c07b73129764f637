package dev.podkeeper.agent.metrics;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.execute.ActionResult;
import dev.podkeeper.agent.loop.PassListener;
import dev.podkeeper.agent.update.UpdateEvents;
import dev.podkeeper.agent.loop.PassRequest;
import dev.podkeeper.agent.reconcile.PassResult;
import dev.podkeeper.agent.status.StatusBoard;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Optional;

/**
 * The metrics of spec section 8 (their names are part of the contract). Counters and the histogram are fed
 * from each pass's result as it ends; the gauges of the stack's objects are read from the status board when
 * scraped ({@link StackGauges}). Told on the loop's worker, read by the HTTP server's thread: the client's
 * metrics are safe for that.
 */
public final class AgentMetrics implements PassListener, UpdateEvents {
  /** From a converged pass on a small stack (milliseconds) to a first pass that pulls images (minutes). */
  private static final double[] PASS_SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120};

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter passes = Counter.builder().name("podkeeper_passes_total")
      .help("Reconcile passes, by what asked for them and how they ended").labelNames("trigger", "outcome")
      .register(registry);
  private final Histogram passDuration = Histogram.builder().name("podkeeper_pass_duration_seconds")
      .help("How long reconcile passes took").classicOnly().classicUpperBounds(PASS_SECONDS)
      .register(registry);
  private final Counter actions = Counter.builder().name("podkeeper_actions_total")
      .help("Actions run by reconcile passes, by kind and outcome").labelNames("action", "outcome")
      .register(registry);
  private final Counter repairs = Counter.builder().name("podkeeper_repairs_total")
      .help("Successful actions that put back what changed behind podkeeper's back, by cause").labelNames("cause")
      .register(registry);
  private final Gauge engineUp = Gauge.builder().name("podkeeper_engine_up")
      .help("1 when the last pass reached the container engine, else 0").register(registry);
  private final Counter imageUpdates = Counter.builder().name("podkeeper_image_updates_total")
      .help("Image updates tried, by outcome").labelNames("outcome").register(registry);

  public AgentMetrics(StatusBoard board, Clock clock) {
    StackGauges.register(registry, requireNonNull(board, "board is null"), requireNonNull(clock, "clock is null"));
  }

  @Override
  public void finished(PassRequest request, Optional<PassResult> result) {
    if (result.isEmpty()) {
      passes.labelValues(request.primaryTrigger().word(), PassOutcomeWord.THREW).inc();
      return;
    }
    PassResult pass = result.get();
    passes.labelValues(pass.trigger().word(), PassOutcomeWord.of(pass)).inc();
    passDuration.observe(pass.duration().toNanos() / 1e9);
    engineUp.set(pass.engineReached() ? 1 : 0);
    for (ActionResult action : pass.results()) {
      actions.labelValues(action.action().kind().word(), action.outcome().word()).inc();
      RepairCause.of(action, pass.trigger()).ifPresent(cause -> repairs.labelValues(cause).inc());
    }
  }

  /** Counts each update line the log writes, by its word (updated, rolled-back, update-available, ...). */
  @Override
  public void logged(String event) {
    countImageUpdate(event);
  }

  /** @param outcome a word of a small fixed set: it becomes a label value, never a name, digest or error text */
  void countImageUpdate(String outcome) {
    imageUpdates.labelValues(requireNonNull(outcome, "outcome is null")).inc();
  }

  /** The text exposition a scrape gets. */
  void writeTo(OutputStream out) throws IOException {
    PrometheusTextFormatWriter.create().write(out, registry.scrape());
  }

  PrometheusRegistry registry() {
    return registry;
  }

  /** How a pass ended, as the {@code outcome} label says it. */
  static final class PassOutcomeWord {
    static final String THREW = "error";

    private PassOutcomeWord() {}

    static String of(PassResult pass) {
      if (pass.abortedBecause().isPresent()) {
        return "aborted";
      }
      if (!pass.failures().isEmpty()) {
        return "failed";
      }
      return pass.skipped().isEmpty() ? "converged" : "held";
    }
  }
}
