package dev.podkeeper.it.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podkeeper.it.AgentCommand;
import dev.podkeeper.it.PodmanEngineFixture;
import dev.podkeeper.model.observed.ObservedContainer;
import dev.podkeeper.podman.PodmanEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer per stack, with a real engine: {@code apply} run by hand as the agent brings the stack up
 * from empty (the habit that raced the agent into "network name already used" failures) does not write
 * itself: the agent runs the pass, and apply prints it.
 */
class OneWriterIT {
  private static final int WORKERS = 6;
  @TempDir static Path directory;
  private static PodmanEngineFixture.Engine podman;
  private static PodmanEngine api;
  private static String stack;
  private static String network;

  @BeforeAll
  static void engine() {
    podman = PodmanEngineFixture.get();
    api = new PodmanEngine(podman.socket());
    stack = podman.uniqueName("onewriter");
    network = stack + "-net";
  }

  @AfterAll
  static void removeWhatTheTestMade() throws Exception {
    IntStream.rangeClosed(1, WORKERS).forEach(i -> podman.podmanQuietly("rm", "-f", "-t", "0", stack + "-w" + i));
    podman.podmanQuietly("network", "rm", "-f", network);
    api.close();
  }

  @Test
  void applyWhileTheAgentBringsTheStackUpAsksTheAgentAndNothingFails() throws Exception {
    StringBuilder yaml = new StringBuilder("""
        version: 1
        stack: %s
        networks:
          %s:
            subnet: %s
        containers:
        """.formatted(stack, network, podman.randomSubnet()));
    IntStream.rangeClosed(1, WORKERS).forEach(i -> yaml.append("  ").append(stack).append("-w").append(i).append(":\n")
        .append("    image: ").append(PodmanEngineFixture.TEST_IMAGE).append('\n')
        .append("    network: ").append(network).append('\n'));
    Path file = Files.writeString(directory.resolve("stack.yaml"), yaml);
    Path statusSocket = directory.resolve("run/status.sock");

    try (AgentProcess agent = AgentProcess.start(file, podman.socket(), statusSocket)) {
      // The agent holds the stack's lock before it listens; it listens as its first pass begins.
      await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(statusSocket));
      AgentCommand apply = AgentCommand.run(directory.resolve("apply.log"), "apply", file, podman.socket(),
          "--status-socket", statusSocket.toString());

      assertThat(apply.exitCode()).as(apply.output() + "\nagent:\n" + agent.log()).isZero();
      assertThat(apply.output()).contains("trigger=manual").contains("failures=0").doesNotContain("outcome=failed");
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(agent.log()).contains("trigger=manual").doesNotContain("outcome=failed"));
      assertThat(api.listContainers().stream().filter(c -> c.name().startsWith(stack + "-")).filter(
          ObservedContainer::running)).hasSize(WORKERS);
    }
  }
}
