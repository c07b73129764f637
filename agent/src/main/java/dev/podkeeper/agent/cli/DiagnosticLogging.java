package dev.podkeeper.agent.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * podkeeper's diagnostics, configured in code: logback finds this through {@code META-INF/services} before it
 * looks for an XML file, and building the same setup from XML costs the agent's start about a tenth of a second.
 *
 * <p>stdout belongs to the reconcile log (written by ReconcileLog, not through logback). Diagnostics go to
 * stderr, podkeeper's own at INFO, libraries' at WARN, in the reconcile log's layout and format
 * ({@link DiagnosticAppender}, {@link DiagnosticSink}): under systemd both streams end in one journal, and a
 * reader sees one format, key=value in text mode and one JSON object a line in JSON mode. They stay on stderr
 * so that stdout, redirected or piped, is the reconcile log alone.
 *
 * <p>An XML configuration still wins when one is asked for ({@code -Dlogback.configurationFile=...}) or a
 * {@code logback-test.xml} is on the class path (the integration tests'): then logback goes on to read it.
 */
public final class DiagnosticLogging extends ContextAwareBase implements Configurator {
  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null
        || getClass().getClassLoader().getResource("logback-test.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    DiagnosticAppender stderr = new DiagnosticAppender();
    stderr.setContext(context);
    stderr.start();

    context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(stderr);
    context.getLogger("dev.podkeeper").setLevel(Level.INFO);
    // At DEBUG these two dump request bodies, container env (secrets) included: never louder than WARN.
    context.getLogger("org.apache.hc.client5.http.wire").setLevel(Level.WARN);
    context.getLogger("com.github.dockerjava").setLevel(Level.WARN);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
