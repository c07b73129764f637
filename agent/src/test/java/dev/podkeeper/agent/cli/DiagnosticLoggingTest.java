package dev.podkeeper.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class DiagnosticLoggingTest {
  private final LoggerContext context = new LoggerContext();

  @Test
  void podkeeperSpeaksAtInfoAndLibrariesOnlyAtWarnOnStderr() {
    DiagnosticLogging logging = new DiagnosticLogging();
    logging.setContext(context);

    assertThat(logging.configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

    assertThat(context.getLogger("dev.podkeeper.agent.loop.ReconcileLoop").isInfoEnabled()).isTrue();
    assertThat(context.getLogger("dev.podkeeper.agent.loop.ReconcileLoop").isDebugEnabled()).isFalse();
    assertThat(context.getLogger("org.freedesktop.dbus.connections").isInfoEnabled()).isFalse();
    assertThat(context.getLogger("org.freedesktop.dbus.connections").isWarnEnabled()).isTrue();
    ConsoleAppender<?> appender =
        (ConsoleAppender<?>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
    assertThat(appender.getTarget()).isEqualTo("System.err");
    assertThat(appender.isStarted()).isTrue();
  }

  @Test
  void theClientsThatWouldDumpContainerEnvironmentsStayAtWarnEvenWhenTheRootIsLouder() {
    DiagnosticLogging logging = new DiagnosticLogging();
    logging.setContext(context);
    logging.configure(context);

    context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.DEBUG);

    assertThat(context.getLogger("org.apache.hc.client5.http.wire").isDebugEnabled()).isFalse();
    assertThat(context.getLogger("com.github.dockerjava.core.exec").isDebugEnabled()).isFalse();
  }
}
