package dev.podkeeper.it.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.podkeeper.it.PodmanEngineFixture;
import dev.podkeeper.model.observed.ObservedContainer;
import dev.podkeeper.podman.PodmanEngine;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --metrics} as a real process against a private engine: a Prometheus scrape sees the stack
 * converge, a killed container's repair counted (repairs and actions), and the endpoint gone after SIGTERM.
 */
@ExtendWith(MetricsIT.PrintAgentLogOnFailure.class)
class MetricsIT {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir static Path directory;
  private static PodmanEngineFixture.Engine podman;
  private static PodmanEngine api;
  private static String stack;
  private static String network;
  private static URI metrics;
  private static AgentProcess agent;

  @BeforeAll
  static void startAgent() throws IOException {
    podman = PodmanEngineFixture.get();
    api = new PodmanEngine(podman.socket());
    stack = podman.uniqueName("metricsit");
    network = stack + "-net";
    Path file = directory.resolve("stack.yaml");
    Files.writeString(file, """
        version: 1
        stack: %1$s
        networks:
          %2$s:
            subnet: %3$s
        containers:
          %1$s-web:
            image: %4$s
            network: %2$s
          %1$s-worker:
            image: %4$s
            network: %2$s
        """.formatted(stack, network, podman.randomSubnet(), PodmanEngineFixture.TEST_IMAGE));
    String address = "127.0.0.1:" + podman.freeLoopbackPort();
    metrics = URI.create("http://" + address + "/metrics");
    agent = AgentProcess.start(file, podman.socket(), directory.resolve("status.sock"), "--metrics", address);
  }

  @AfterAll
  static void removeEverything() throws IOException {
    if (agent != null) {
      agent.close();
    }
    api.listContainers().stream().filter(c -> c.name().startsWith(stack + "-"))
        .forEach(c -> api.removeContainer(c.id()));
    api.listNetworks().stream().filter(n -> n.name().equals(network)).forEach(n -> api.removeNetwork(n.id()));
    api.close();
  }

  @Test
  void aScrapeSeesAKilledContainerRepairedAndCounted() throws Exception {
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() ->
        value(scrape(), "podkeeper_objects{kind=\"container\",state=\"ok\"}") == 2);
    String before = scrape();
    assertThat(value(before, "podkeeper_engine_up")).isEqualTo(1);
    assertThat(value(before, "podkeeper_passes_total{outcome=\"converged\",trigger=\"startup\"}")).isEqualTo(1);
    assertThat(value(before, "podkeeper_crashloop_backoff{container=\"" + stack + "-web\"}")).isZero();
    double repairs = value(before, "podkeeper_repairs_total{cause=\"exited\"}");
    double starts = value(before, "podkeeper_actions_total{action=\"start-container\",outcome=\"ok\"}");

    ObservedContainer web = api.listContainers().stream().filter(c -> c.name().equals(stack + "-web")).findFirst()
        .orElseThrow();
    podman.podman("kill", web.name());

    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
      String after = scrape();
      assertThat(value(after, "podkeeper_repairs_total{cause=\"exited\"}")).isEqualTo(repairs + 1);
      assertThat(value(after, "podkeeper_actions_total{action=\"start-container\",outcome=\"ok\"}"))
          .isEqualTo(starts + 1);
      assertThat(value(after, "podkeeper_objects{kind=\"container\",state=\"ok\"}")).isEqualTo(2);
    });
    assertThat(scrape()).contains("podkeeper_pass_duration_seconds_count", "# TYPE podkeeper_passes_total counter");

    assertThat(agent.terminate(Duration.ofSeconds(10))).isZero();
    assertThatThrownBy(MetricsIT::scrape).as("the endpoint is closed with the agent")
        .isInstanceOf(ConnectException.class);
  }

  private static String scrape() throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  /** A sample's value, 0 when the series is not (yet) there: Prometheus' own view of an absent counter. */
  private static double value(String exposition, String series) {
    return exposition.lines().filter(line -> line.startsWith(series + " ")).findFirst()
        .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim())).orElse(0.0);
  }

  static final class PrintAgentLogOnFailure implements TestWatcher {
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      if (agent != null) {
        System.err.println("---- podkeeper run output ----\n" + agent.log());
      }
    }
  }
}
