package dev.podkeeper.agent.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.podkeeper.agent.reconcile.LogLevel;
import dev.podkeeper.agent.reconcile.LogLine;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Diagnostics in the reconcile log's layout: {@code time=... level=warn logger=... message="..."} in text,
 * one object with the same keys in JSON, and the exception's stack trace as the field {@code stack_trace}.
 * Our own rather than logback's JsonEncoder (1.3.8+): its keys ({@code timestamp} in epoch milliseconds,
 * {@code nanoseconds}, {@code sequenceNumber}, {@code loggerName}, {@code message} as the unformatted pattern,
 * a {@code context} object and {@code mdc} on every line, the stack trace as an array of frames) are not the
 * reconcile lines' and cannot be renamed, and it has no key=value twin for text mode. Rendering both kinds of
 * line through one {@link dev.podkeeper.agent.reconcile.LogFormat} keeps one vocabulary; Jackson, which JSON
 * mode uses for it, is loaded only in JSON mode.
 */
final class DiagnosticAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  static final String NAME = "PODKEEPER";

  DiagnosticAppender() {
    setName(NAME);
  }

  @Override
  protected void append(ILoggingEvent event) {
    DiagnosticSink.current().write(line(event));
  }

  static LogLine line(ILoggingEvent event) {
    Map<String, Object> fields = new LinkedHashMap<>();
    LogLevel level = level(event.getLevel());
    fields.put("time", LogLine.time(event.getInstant()));
    fields.put("level", level.word());
    fields.put("logger", event.getLoggerName());
    fields.put("message", event.getFormattedMessage());
    IThrowableProxy thrown = event.getThrowableProxy();
    fields.put("stack_trace", thrown == null ? null : ThrowableProxyUtil.asString(thrown));
    return new LogLine(level, fields);
  }

  private static LogLevel level(Level level) {
    return switch (level.toInt()) {
      case Level.ERROR_INT -> LogLevel.ERROR;
      case Level.WARN_INT -> LogLevel.WARN;
      case Level.INFO_INT -> LogLevel.INFO;
      default -> LogLevel.DEBUG;
    };
  }
}
