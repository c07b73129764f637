package dev.podkeeper.agent.reconcile;

import dev.podkeeper.agent.execute.ActionResult;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reconcile log (spec section 4), the product's stdout: one line per action as it finishes, then one
 * summary line per pass. Lines carry causes and the engine's errors, never env values.
 */
public final class ReconcileLog {
  private final PrintWriter out;
  private final LogFormat format;

  public ReconcileLog(PrintWriter out, LogFormat format) {
    this.out = out;
    this.format = format;
  }

  public void action(String passId, Trigger trigger, ActionResult result) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("time", result.startedAt().toString());
    fields.put("pass", passId);
    fields.put("trigger", trigger.word());
    fields.put("action", result.action().kind().word());
    fields.put("target", result.action().target());
    fields.put("cause", result.action().cause());
    fields.put("outcome", result.outcome().word());
    fields.put("duration_ms", result.durationMs());
    fields.put("error", result.error().orElse(null));
    write(fields);
  }

  public void summary(PassResult pass) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("time", pass.startedAt().plus(pass.duration()).toString());
    fields.put("pass", pass.passId());
    fields.put("trigger", pass.trigger().word());
    fields.put("converged", pass.convergedObjects() + "/" + pass.desiredObjects());
    fields.put("actions", pass.results().size());
    fields.put("failures", pass.failures().size());
    fields.put("skipped", pass.skipped().size());
    fields.put("duration_ms", pass.duration().toMillis());
    fields.put("engine_calls", pass.engineCalls());
    fields.put("aborted", pass.abortedBecause().orElse(null));
    write(fields);
  }

  private void write(Map<String, Object> fields) {
    synchronized (out) {
      out.println(format.render(fields));
      out.flush();
    }
  }
}
