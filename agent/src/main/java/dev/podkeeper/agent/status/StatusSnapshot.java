package dev.podkeeper.agent.status;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * The agent's latest view of the stack, or a fresh one computed by {@code podkeeper status FILE}.
 *
 * @param source {@code agent} (served by the running agent) or {@code fresh} (observed and planned just now)
 * @param passId the agent's last pass, as the reconcile log names it; empty for a fresh view
 * @param summary the last pass's summary line, or the fresh plan's
 * @param notApplied why the file's latest content is not what the agent keeps ({@code FILE:LINE:COLUMN: ...}
 *     lines): an invalid edit; empty when the file is what the agent applies
 */
public record StatusSnapshot(String source, Instant at, String file, String stack, String passId, String summary,
    List<String> notApplied, List<ObjectStatus> objects) {

  public static final String AGENT = "agent";
  public static final String FRESH = "fresh";

  public StatusSnapshot {
    requireNonNull(source, "source is null");
    requireNonNull(at, "at is null");
    requireNonNull(file, "file is null");
    requireNonNull(stack, "stack is null");
    requireNonNull(summary, "summary is null");
    requireNonNull(passId, "passId is null");
    notApplied = List.copyOf(notApplied);
    objects = List.copyOf(objects);
  }

  /** A snapshot of a file that is applied as it is. */
  public StatusSnapshot(String source, Instant at, String file, String stack, String passId, String summary,
      List<ObjectStatus> objects) {
    this(source, at, file, stack, passId, summary, List.of(), objects);
  }

  /**
   * Every object as the file says, and the file's latest content is what is applied. Never true before the
   * agent's first pass (that placeholder has no stack yet).
   */
  public boolean converged() {
    return !stack.isEmpty() && notApplied.isEmpty() && objects.stream().allMatch(o -> o.state().settled());
  }
}
