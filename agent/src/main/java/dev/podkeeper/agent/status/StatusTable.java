package dev.podkeeper.agent.status;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The human form of a snapshot: first an edit of the file that is not applied (it is what a person most
 * needs to know), then a header, then one aligned row per object.
 */
public final class StatusTable {
  private static final String[] HEADERS =
      {"KIND", "NAME", "DESIRED", "ACTUAL", "STATE", "PORTS", "LAST ACTION", "CAUSE / ERROR"};
  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_LOCAL_TIME;

  private StatusTable() {}

  public static String render(StatusSnapshot snapshot, ZoneId zone) {
    StringBuilder out = new StringBuilder();
    if (!snapshot.notApplied().isEmpty()) {
      out.append("NOT APPLIED: the latest edit of ").append(snapshot.file())
          .append(" is invalid; the agent keeps the last good state until it is fixed:\n");
      snapshot.notApplied().forEach(problem -> out.append("  ").append(problem).append('\n'));
      out.append('\n');
    }
    out.append("stack ").append(snapshot.stack()).append(" from ").append(snapshot.file())
        .append(snapshot.source().equals(StatusSnapshot.AGENT)
            ? " (running agent, pass " + snapshot.passId() + ")"
            : " (computed now; no agent answered)")
        .append('\n').append(snapshot.summary()).append("\n\n");
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADERS);
    for (ObjectStatus o : snapshot.objects()) {
      String note = o.lastError().map(e -> "error: " + e).orElse(o.lastCause().orElse(""));
      rows.add(new String[] {o.kind(), o.name(), o.desired(), o.actual(), state(o, zone),
          o.ports().isEmpty() ? "-" : String.join(",", o.ports()), o.lastAction().orElse("-"), note});
    }
    int[] widths = new int[HEADERS.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  /** {@code backing off until 12:04:10}, {@code waiting for unit x.service, which failed}, else the state's word. */
  private static String state(ObjectStatus o, ZoneId zone) {
    if (o.backingOffUntil().isPresent()) {
      return "backing off until " + TIME.format(o.backingOffUntil().get().truncatedTo(ChronoUnit.SECONDS).atZone(zone));
    }
    return o.reason().orElse(o.state().word());
  }
}
