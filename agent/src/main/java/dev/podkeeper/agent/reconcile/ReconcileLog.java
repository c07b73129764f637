package dev.podkeeper.agent.reconcile;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.execute.ActionResult;
import dev.podkeeper.agent.plan.Outcome;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The reconcile log (spec sections 4 and 9), the product's stdout: one line per action as it finishes, then
 * one summary line per pass. Lines carry causes and the engine's errors, never env values.
 *
 * <p>A line's time is when it is written, taken under the same lock that writes it: actions that run side by
 * side finish in any order, and the log still reads in time order (their start is the time less
 * {@code duration_ms}).
 *
 * <p>A pass that did nothing (no action, nothing aborted, everything converged) is not a line of its own when
 * it ran by itself (a resync, an engine event, a file or SIGHUP that changed nothing) and the pass before it
 * ended converged too: the journal would fill with them. After a pass that failed or was aborted it is a line,
 * which says the trouble is over. At most once an hour such a pass still writes its summary, with {@code note="still converged"},
 * so that a quiet log is seen to be a live one. The startup pass and a pass someone asked for ({@code apply})
 * always have their summary. {@code --log-every-pass} writes them all (benchmarks time the passes that do
 * nothing).
 */
public final class ReconcileLog {
  public static final Duration STILL_CONVERGED_EVERY = Duration.ofHours(1);

  private final LogSink sink;
  private final Clock clock;
  private final Duration stillConvergedEvery;
  private Instant lastSummary;
  private int quietPasses;
  private boolean lastPassConverged;

  /** @param stillConvergedEvery how often a pass that did nothing by itself has its line (zero: every time) */
  public ReconcileLog(LogSink sink, Clock clock, Duration stillConvergedEvery) {
    this.sink = requireNonNull(sink, "sink is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.stillConvergedEvery = requireNonNull(stillConvergedEvery, "stillConvergedEvery is null");
    if (stillConvergedEvery.isNegative()) {
      throw new IllegalArgumentException("stillConvergedEvery is negative: " + stillConvergedEvery);
    }
  }

  public ReconcileLog(LogSink sink, Clock clock) {
    this(sink, clock, STILL_CONVERGED_EVERY);
  }

  public ReconcileLog(PrintWriter out, LogFormat format, Clock clock) {
    this(LogSink.stream(out, format), clock);
  }

  public ReconcileLog(PrintWriter out, LogFormat format) {
    this(out, format, Clock.systemUTC());
  }

  public synchronized void action(String passId, Trigger trigger, ActionResult result) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("time", LogLine.time(clock.instant()));
    fields.put("pass", passId);
    fields.put("trigger", trigger.word());
    fields.put("action", result.action().kind().word());
    fields.put("target", result.action().target());
    fields.put("cause", result.action().cause());
    fields.put("outcome", result.outcome().word());
    fields.put("duration_ms", result.durationMs());
    fields.put("error", result.error().orElse(null));
    sink.write(new LogLine(result.outcome() == Outcome.FAILED ? LogLevel.WARN : LogLevel.INFO, fields));
  }

  /**
   * A line of an event that is no action of the plan (an image update found, a registry check that failed): its
   * fields after the time, in the order given.
   */
  public synchronized void event(LogLevel level, Map<String, Object> fields) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", LogLine.time(clock.instant()));
    line.putAll(fields);
    sink.write(new LogLine(level, line));
  }

  public void summary(PassResult pass) {
    summary(pass, Optional.empty());
  }

  /**
   * @param told what the pass was told to leave out, e.g. the units under {@code --no-systemd}: said in its
   *     summary line, whenever the pass has one
   */
  public synchronized void summary(PassResult pass, Optional<String> told) {
    Instant now = clock.instant();
    String note = told.orElse(null);
    boolean quiet = lastPassConverged && didNothingByItself(pass);
    lastPassConverged = pass.converged() && pass.convergedObjects() == pass.desiredObjects();
    if (quiet) {
      if (Duration.between(lastSummary, now).compareTo(stillConvergedEvery) < 0) {
        quietPasses++;
        return;
      }
      note = note == null ? "still converged" : "still converged; " + note;
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("time", LogLine.time(now));
    fields.put("pass", pass.passId());
    fields.put("trigger", pass.trigger().word());
    fields.put("converged", pass.convergedObjects() + "/" + pass.desiredObjects());
    fields.put("actions", pass.results().size());
    fields.put("failures", pass.failures().size());
    fields.put("skipped", pass.skipped().size());
    fields.put("duration_ms", pass.duration().toMillis());
    fields.put("engine_calls", pass.engineCalls());
    fields.put("aborted", pass.abortedBecause().orElse(null));
    fields.put("note", note);
    fields.put("quiet_passes", quiet ? quietPasses : null);
    boolean bad = pass.abortedBecause().isPresent() || !pass.failures().isEmpty();
    sink.write(new LogLine(bad ? LogLevel.WARN : LogLevel.INFO, fields));
    lastSummary = now;
    quietPasses = 0;
  }

  private static boolean didNothingByItself(PassResult pass) {
    return pass.trigger() != Trigger.STARTUP && pass.trigger() != Trigger.MANUAL
        && pass.results().isEmpty() && pass.abortedBecause().isEmpty()
        && pass.convergedObjects() == pass.desiredObjects();
  }
}
