package dev.podkeeper.agent.metrics;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.lifecycle.Managed;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@link AgentMetrics} at {@code http://ADDRESS/metrics} from threads of its own: one daemon thread
 * answers the scrapes (a scrape reads counters and the status board, it never waits on the engine), so a slow
 * scraper holds back neither the loop nor the agent's stop. Started and stopped by the life cycle.
 */
public final class MetricsServer implements Managed {
  private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);

  private final MetricsAddress address;
  private final AgentMetrics metrics;
  private HTTPServer server;

  public MetricsServer(MetricsAddress address, AgentMetrics metrics) {
    this.address = requireNonNull(address, "address is null");
    this.metrics = requireNonNull(metrics, "metrics is null");
  }

  @Override
  public synchronized void start() throws IOException {
    ExecutorService scrapes = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "metrics-http");
      thread.setDaemon(true);
      return thread;
    });
    try {
      server = HTTPServer.builder().inetAddress(address.address()).port(address.port())
          .registry(metrics.registry()).executorService(scrapes).buildAndStart();
    } catch (IOException e) {
      scrapes.shutdownNow();
      throw new IOException("cannot serve metrics on " + address + ": " + e.getMessage()
          + " (another process holds the port? pick another with --metrics)", e);
    }
    log.info("metrics at http://{}/metrics", address);
  }

  @Override
  public synchronized void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  @Override
  public String toString() {
    return "metrics server on " + address;
  }
}
