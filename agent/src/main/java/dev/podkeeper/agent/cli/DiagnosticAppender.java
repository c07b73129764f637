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
 * Our own rather than logback's JsonEncoder, whose keys (timestamp in epoch ms, loggerName, a context object
 * on every line) match neither the reconcile lines nor a text layout, and which has no text twin.
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
