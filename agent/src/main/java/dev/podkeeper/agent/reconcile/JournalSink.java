package dev.podkeeper.agent.reconcile;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.journal.JournalEntry;
import dev.podkeeper.agent.journal.JournalSocket;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Log lines as journal entries: MESSAGE is the line as the stream would have shown it (so that
 * {@code journalctl -u podkeeper} reads as the text log does), PRIORITY its level, and every other field
 * of the line is a field of its own, {@code PODKEEPER_} and its name in capitals ({@code target} becomes
 * {@code PODKEEPER_TARGET}), so that {@code journalctl PODKEEPER_TARGET=sonarr} is one container's history.
 * The time is journald's own ({@code __REALTIME_TIMESTAMP}), not a field.
 *
 * <p>Our own rather than a logback journal appender: the reconcile lines do not go through logback, and the
 * appenders on Maven Central (logback-journal and its forks) call libsystemd's sd_journal_send through JNA, a
 * native library extracted to a temporary directory at start; the protocol is a few lines over junixsocket,
 * which sd_notify uses already.
 */
final class JournalSink implements LogSink {
  static final String IDENTIFIER = "podkeeper";

  private final JournalSocket socket;
  private final LogFormat format;
  private final LogSink fallback;

  JournalSink(JournalSocket socket, LogFormat format, LogSink fallback) {
    this.socket = requireNonNull(socket, "socket is null");
    this.format = requireNonNull(format, "format is null");
    this.fallback = requireNonNull(fallback, "fallback is null");
  }

  @Override
  public void write(LogLine line) {
    try {
      socket.send(entry(line));
    } catch (IOException | RuntimeException e) {
      // Not open yet (the first lines of the start), no journal, or an entry too large for one datagram: the
      // stream, which journald reads too (without the fields).
      fallback.write(line);
    }
  }

  JournalEntry entry(LogLine line) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("MESSAGE", line.render(format));
    fields.put("PRIORITY", Integer.toString(line.level().syslogPriority()));
    fields.put("SYSLOG_IDENTIFIER", IDENTIFIER);
    line.fields().forEach((name, value) -> {
      if (value != null && !name.equals("time")) {
        fields.put("PODKEEPER_" + name.toUpperCase(Locale.ROOT), String.valueOf(value));
      }
    });
    return new JournalEntry(fields);
  }
}
