package dev.podkeeper.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podkeeper.agent.reconcile.LogFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class DiagnosticLoggingTest {
  private final LoggerContext context = new LoggerContext();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void configure() {
    DiagnosticLogging logging = new DiagnosticLogging();
    logging.setContext(context);
    assertThat(logging.configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
  }

  @AfterEach
  void backToStderr() {
    DiagnosticSink.use(LogFormat.TEXT, new PrintWriter(System.err, true));
  }

  @Test
  void podkeeperSpeaksAtInfoAndLibrariesOnlyAtWarn() {
    assertThat(context.getLogger("dev.podkeeper.agent.loop.ReconcileLoop").isInfoEnabled()).isTrue();
    assertThat(context.getLogger("dev.podkeeper.agent.loop.ReconcileLoop").isDebugEnabled()).isFalse();
    assertThat(context.getLogger("org.freedesktop.dbus.connections").isInfoEnabled()).isFalse();
    assertThat(context.getLogger("org.freedesktop.dbus.connections").isWarnEnabled()).isTrue();
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(DiagnosticAppender.NAME).isStarted()).isTrue();
  }

  @Test
  void theClientsThatWouldDumpContainerEnvironmentsStayAtWarnEvenWhenTheRootIsLouder() {
    context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.DEBUG);

    assertThat(context.getLogger("org.apache.hc.client5.http.wire").isDebugEnabled()).isFalse();
    assertThat(context.getLogger("com.github.dockerjava.core.exec").isDebugEnabled()).isFalse();
  }

  /** Issue 16: `01:21:22.355 WARN d.p.a.l.DesiredStateStore: ...` between key=value lines. */
  @Test
  void textDiagnosticsAreKeyValueLinesInTheReconcileLogsLayout() {
    DiagnosticSink.use(LogFormat.TEXT, new PrintWriter(err, true));

    context.getLogger("dev.podkeeper.agent.loop.DesiredStateStore").warn("{} not applied; keeping the last good "
        + "desired state:\n  {}", "/etc/podkeeper/stack.yaml", "stack.yaml:3:5: unknown key \"imgae\"");

    assertThat(err.toString().lines()).singleElement().asString()
        .matches("time=\\d{4}-\\d\\d-\\d\\dT\\S+Z level=warn logger=dev.podkeeper.agent.loop.DesiredStateStore "
            + "message=\"/etc/podkeeper/stack.yaml not applied; keeping the last good desired state:\\\\n  "
            + "stack.yaml:3:5: unknown key \\\\\"imgae\\\\\"\"");
  }

  @Test
  void jsonDiagnosticsAreOneObjectALineWithTheStackTraceAsAField() throws IOException {
    DiagnosticSink.use(LogFormat.JSON, new PrintWriter(err, true));

    context.getLogger("dev.podkeeper.agent.loop.ReconcileLoop").info("not converged; next pass in 1 s");
    context.getLogger("dev.podkeeper.agent.lifecycle.ExecutorScheduler")
        .error("scheduled task failed", new IllegalStateException("boom"));

    JsonNode[] lines = err.toString().lines().map(DiagnosticLoggingTest::json).toArray(JsonNode[]::new);
    assertThat(lines).hasSize(2);
    assertThat(lines[0].fieldNames()).toIterable().containsExactly("time", "level", "logger", "message",
        "stack_trace");
    assertThat(lines[0].get("level").asText()).isEqualTo("info");
    assertThat(lines[0].get("message").asText()).isEqualTo("not converged; next pass in 1 s");
    assertThat(lines[0].get("stack_trace").isNull()).isTrue();
    assertThat(lines[1].get("level").asText()).isEqualTo("error");
    assertThat(lines[1].get("logger").asText()).isEqualTo("dev.podkeeper.agent.lifecycle.ExecutorScheduler");
    assertThat(lines[1].get("stack_trace").asText()).startsWith("java.lang.IllegalStateException: boom")
        .contains("\tat dev.podkeeper.agent.cli.DiagnosticLoggingTest");
  }

  static JsonNode json(String line) {
    try {
      return new ObjectMapper().readTree(line);
    } catch (IOException e) {
      throw new AssertionError("not one JSON object: " + line, e);
    }
  }
}
