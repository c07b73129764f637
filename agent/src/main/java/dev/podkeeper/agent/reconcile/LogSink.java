package dev.podkeeper.agent.reconcile;

import dev.podkeeper.agent.journal.JournalSocket;
import dev.podkeeper.agent.journal.JournalStream;
import java.io.PrintWriter;
import java.util.Map;

/** Where log lines go: a standard stream in one format, or the journal. */
@FunctionalInterface
public interface LogSink {
  void write(LogLine line);

  /** One line per entry on {@code out}, flushed at once (a crash loses no line). */
  static LogSink stream(PrintWriter out, LogFormat format) {
    return line -> {
      String text = line.render(format);
      synchronized (out) {
        out.println(text);
        out.flush();
      }
    };
  }

  /**
   * Standard stream {@code fd} (1 or 2): written as {@link #stream} unless systemd connected it to the journal
   * ({@link JournalStream}); then each line goes to the journal's native socket with its fields, and only there,
   * so that {@code journalctl -u podkeeper} shows it once. The stream takes the line if the socket refuses it.
   */
  static LogSink standardStream(int fd, PrintWriter out, LogFormat format, Map<String, String> env) {
    LogSink stream = stream(out, format);
    return JournalStream.connects(fd, env) ? new JournalSink(JournalSocket.openInBackground(JournalSocket.SYSTEM), format, stream)
        : stream;
  }
}
