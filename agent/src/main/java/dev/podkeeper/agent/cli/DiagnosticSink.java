package dev.podkeeper.agent.cli;

import dev.podkeeper.agent.reconcile.LogFormat;
import dev.podkeeper.agent.reconcile.LogSink;
import java.io.PrintWriter;

/**
 * Where the diagnostics go: stderr, in the format {@code --log-format} chose. Logback is configured before
 * the command line is parsed, so the appender asks here at each line and {@link Main} sets it once the option
 * is known. Process-wide, as logging is; kept apart from logback so that setting it loads no logging classes
 * ({@code validate} never logs).
 */
public final class DiagnosticSink {
  private static volatile LogFormat format = LogFormat.TEXT;
  /** Made at the first line if nothing set it before (a library that logs before the command line is parsed). */
  private static volatile LogSink current;

  private DiagnosticSink() {}

  /** From now on, diagnostics go to {@code err} (the journal, if systemd connected stderr to it) as {@code format}. */
  public static synchronized void use(LogFormat format, PrintWriter err) {
    current = standardError(format, err);
    DiagnosticSink.format = format;
  }

  static LogFormat format() {
    return format;
  }

  static LogSink current() {
    LogSink sink = current;
    if (sink == null) {
      synchronized (DiagnosticSink.class) {
        if (current == null) {
          current = standardError(format, new PrintWriter(System.err, true));
        }
        sink = current;
      }
    }
    return sink;
  }

  private static LogSink standardError(LogFormat format, PrintWriter err) {
    return LogSink.standardStream(2, err, format, System.getenv());
  }
}
