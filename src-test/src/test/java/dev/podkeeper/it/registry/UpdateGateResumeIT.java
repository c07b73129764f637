package dev.podkeeper.it.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podkeeper.it.AgentCommand;
import dev.podkeeper.it.PodmanEngineFixture;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent killed (SIGKILL) during an update's health gate, and a new agent process started while the gate is
 * still open: the new one finds the gate in the container's labels, waits for its deadline, rolls back and holds the
 * digest back, and logs it. The update itself is asked for by {@code apply --check-updates} sent to the first agent,
 * whose policy interval (6 h) would not have checked again.
 */
class UpdateGateResumeIT {
  private static final TrustedRegistry TRUSTED = TrustedRegistry.get();
  private static final PodmanEngineFixture.Engine ENGINE = TRUSTED.engine;
  private static final RegistryFixture REGISTRY = TRUSTED.registry;
  private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(60);

  @TempDir
  static Path dir;

  private static FollowingStack followed;

  @BeforeAll
  static void aStackThatFollowsItsTagWithAHealthCheck() throws IOException {
    followed = FollowingStack.write(ENGINE, REGISTRY, dir, "upg",
        "{ policy: registry, healthTimeout: " + HEALTH_TIMEOUT.toSeconds() + "s }",
        "health: { test: [\"CMD-SHELL\", \"test \\\"$PODKEEPER_TEST_HEALTH\\\" != failing\"], interval: 2s, "
            + "timeout: 2s, retries: 1 }");
  }

  @AfterAll
  static void removeWhatTheTestMade() {
    followed.remove(ENGINE, "localhost/podkeeper-update-test:v4");
  }

  @Test
  void anAgentStartedDuringTheGateOfAKilledOneRollsBackAndHoldsTheDigestBack() throws Exception {
    String v1 = followed.pushAndPullVersion1(ENGINE, REGISTRY);
    Path statusSocket = dir.resolve("status.sock");
    // Each process is closed (killed) however the test ends: one that fails early leaves no agent behind.
    KilledGate killed;
    try (AgentCommand first = runAgent("agent-1.log", statusSocket)) {
      killed = updateKilledDuringTheGate(first, statusSocket, v1);
    }
    String v2 = killed.digest();
    Instant deadline = killed.deadline();

    try (AgentCommand second = runAgent("agent-2.log", statusSocket)) {
      await().atMost(HEALTH_TIMEOUT.plus(Duration.ofMinutes(1)))
          .until(() -> second.output().contains("event=held-back"));

      assertThat(second.output())
          .containsPattern("action=finish-update-gate target=" + followed.container + " cause=\"update gate of "
              + v2.substring(0, 19) + " open until " + deadline + "\" outcome=ok")
          .containsPattern("event=rolled-back target=" + followed.container + " image=\\S+ from=" + v1 + " to=" + v2
              + " reason=\"still unhealthy after " + HEALTH_TIMEOUT.toSeconds() + " s\"")
          .containsPattern("event=held-back target=" + followed.container);
      assertThat(Instant.now()).as("the gate lasted until its deadline").isAfterOrEqualTo(deadline);
      assertThat(imageOf(followed.container)).isEqualTo(killed.previousImage());
      assertThat(label(followed.container, "dev.podkeeper.held-back-digest")).isEqualTo(v2);
      assertThat(label(followed.container, "dev.podkeeper.image-digest")).isEqualTo(v1);
      assertThat(label(followed.container, "dev.podkeeper.update-gate-until")).isEmpty();
      assertThat(Boolean.parseBoolean(ENGINE.podman("inspect", "--format", "{{.State.Running}}", followed.container)
          .strip())).isTrue();
    }
  }

  /** The update the first agent performed and was killed in the gate of: its digest, the gate's end, v1's image. */
  private record KilledGate(String digest, Instant deadline, String previousImage) {}

  private static KilledGate updateKilledDuringTheGate(AgentCommand first, Path statusSocket, String v1)
      throws Exception {
    await().atMost(Duration.ofMinutes(2)).until(() -> first.output().contains("converged=1/1"));
    String v1Image = imageOf(followed.container);

    // Version 4: a number no other test of the registry builds, so that no test's image is rebuilt under another.
    String v2 = REGISTRY.push(ENGINE, RegistryFixture.unhealthyVersionImage(ENGINE, 4),
        followed.repository + ":latest");
    Instant deadline;
    try (AgentCommand apply = AgentCommand.start(dir.resolve("apply.log"), "apply", followed.file, ENGINE.socket(),
        "--check-updates", "--status-socket", statusSocket.toString())) {
      // Inspected while the update replaces it, the container may be gone for a moment under its name.
      await().atMost(Duration.ofMinutes(1)).ignoreExceptions()
          .until(() -> !label(followed.container, "dev.podkeeper.update-gate-until").isEmpty());
      deadline = Instant.parse(label(followed.container, "dev.podkeeper.update-gate-until"));
      apply.kill9();
      first.kill9();
    }
    assertThat(Instant.now()).as("killed while the gate is open").isBefore(deadline);
    assertThat(first.output()).as("apply --check-updates made the agent's pass ask the registry now")
        .containsPattern("event=update-available target=" + followed.container + " image=\\S+ running=" + v1
            + " available=" + v2)
        .doesNotContain("event=rolled-back", "event=updated");
    assertThat(label(followed.container, "dev.podkeeper.image-digest")).isEqualTo(v2);
    assertThat(label(followed.container, "dev.podkeeper.previous-digest")).isEqualTo(v1);
    return new KilledGate(v2, deadline, v1Image);
  }

  private static AgentCommand runAgent(String log, Path statusSocket) {
    return AgentCommand.start(dir.resolve(log), "run", followed.file, ENGINE.socket(), "--status-socket",
        statusSocket.toString());
  }

  private static String imageOf(String name) {
    return ENGINE.podman("inspect", "--format", "{{.Image}}", name).strip();
  }

  private static String label(String name, String key) {
    String value = ENGINE.podman("inspect", "--format", "{{index .Config.Labels \"" + key + "\"}}", name).strip();
    return value.equals("<no value>") ? "" : value;
  }
}
