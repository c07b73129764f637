package dev.podkeeper.agent.reconcile;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of podkeeper's log, a reconcile line or a diagnostic, before it is written: its fields in the
 * order they are shown ({@code time} first; a null value is an absent one) and its level.
 */
public record LogLine(LogLevel level, Map<String, Object> fields) {
  /** A line's time as it is shown: to the millisecond, as a person compares them and journalctl shows them. */
  public static String time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS).toString();
  }

  public LogLine {
    requireNonNull(level, "level is null");
    if (!fields.containsKey("time")) {
      throw new IllegalArgumentException("a log line has a time: " + fields.keySet());
    }
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  public String render(LogFormat format) {
    return format.render(fields);
  }
}
