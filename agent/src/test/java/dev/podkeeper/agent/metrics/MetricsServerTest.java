package dev.podkeeper.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.podkeeper.agent.status.StatusBoard;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The server serves the text exposition on its loopback address, and is gone once stopped. */
class MetricsServerTest {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void servesTheMetricsUntilStopped() throws Exception {
    MetricsAddress address = new MetricsAddress(InetAddress.getLoopbackAddress(), freePort());
    AgentMetrics metrics = new AgentMetrics(new StatusBoard(), Clock.systemUTC());
    metrics.countImageUpdate("updated");
    MetricsServer server = new MetricsServer(address, metrics);
    server.start();
    HttpResponse<String> response;
    try {
      response = get(address);
    } finally {
      server.stop();
    }

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
        assertThat(type).startsWith("text/plain"));
    assertThat(response.body()).contains("# TYPE podkeeper_engine_up gauge",
        "# TYPE podkeeper_pass_duration_seconds histogram", "podkeeper_image_updates_total{outcome=\"updated\"} 1.0");
    assertThatThrownBy(() -> get(address)).isInstanceOf(ConnectException.class);
  }

  @Test
  void aTakenPortIsAStartFailureThatSaysWhere() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      MetricsAddress address = new MetricsAddress(InetAddress.getLoopbackAddress(), taken.getLocalPort());
      MetricsServer server = new MetricsServer(address, new AgentMetrics(new StatusBoard(), Clock.systemUTC()));

      assertThatThrownBy(server::start).isInstanceOf(IOException.class)
          .hasMessageContaining("cannot serve metrics on " + address);
    }
  }

  private HttpResponse<String> get(MetricsAddress address) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://" + address + "/metrics"))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
