package dev.podkeeper.it.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podkeeper.agent.status.StatusClient;
import dev.podkeeper.it.PodmanEngineFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code update: { policy: local, mode: report }} under {@code podkeeper run}: a new image tagged or built under
 * the name a container follows is an engine event that asks for a pass at once (the periodic resync is ten
 * minutes away), and that pass reports the update with the image the container runs and the one the name
 * stands for now.
 */
class LocalImageEventIT {
  private static final PodmanEngineFixture.Engine ENGINE = PodmanEngineFixture.get();
  private static final Duration PROMPTLY = Duration.ofSeconds(30);

  @TempDir
  static Path dir;

  private static String container;
  private static String image;
  private static AgentProcess agent;

  @BeforeAll
  static void anAgentRunningAContainerOnALocallyBuiltImage() throws IOException {
    String stack = ENGINE.uniqueName("localupd").toLowerCase();
    container = stack + "-app";
    image = "localhost/" + stack + ":latest";
    build("1", image);
    Path file = dir.resolve("stack.yaml");
    Files.writeString(file, """
        version: 1
        stack: %s
        containers:
          %s:
            image: %s
            pull: never
            update: { policy: local, mode: report }
        """.formatted(stack, container, image));
    Path statusSocket = dir.resolve("status.sock");
    agent = AgentProcess.start(file, ENGINE.socket(), statusSocket, "--resync", "10m");
    // Quiet from here on: the pass that followed its own create and start (their events) had nothing to do.
    await().atMost(Duration.ofMinutes(2)).until(() -> agent.log().contains("action=create-container target="
        + container + " ") && StatusClient.fetch(statusSocket)
        .filter(json -> json.contains("\"converged\":true") && json.contains(" 0 actions,")).isPresent());
  }

  @AfterAll
  static void removeWhatTheTestMade() {
    if (agent != null) {
      agent.close();
    }
    ENGINE.podmanQuietly("rm", "-f", "-t", "0", container);
    ENGINE.podmanQuietly("rmi", "-f", image, versioned("v2"));
  }

  @Test
  void aTagOrABuildUnderTheFollowedNameIsReportedAtOnce() throws Exception {
    String running = imageOf(container);
    assertThat(agent.log()).doesNotContain("event=update-available");

    String tagged = build("2", versioned("v2"));
    ENGINE.podman("tag", versioned("v2"), image);
    await().atMost(PROMPTLY).untilAsserted(() -> assertThat(agent.log()).as("after podman tag")
        .containsPattern(updateAvailable(running, tagged)));

    String built = build("3", image);
    await().atMost(PROMPTLY).untilAsserted(() -> assertThat(agent.log()).as("after podman build")
        .containsPattern(updateAvailable(running, built)));
    assertThat(imageOf(container)).as("mode report: the container stays on its image").isEqualTo(running);
  }

  private static String updateAvailable(String running, String available) {
    return "event=update-available target=" + container + " image=" + image + " running=\\S*" + running
        + " available=\\S*" + available + " mode=report";
  }

  private static String versioned(String tag) {
    return image.replace(":latest", ":" + tag);
  }

  /** Builds version N of the image under NAME; its image ID. */
  private static String build(String version, String name) throws IOException {
    Path context = dir.resolve("build-" + version);
    Files.createDirectories(context);
    Files.writeString(context.resolve("Containerfile"),
        "FROM " + ENGINE.image() + "\nLABEL dev.podkeeper.test.version=" + version + "\n");
    ENGINE.podman("build", "--pull=never", "-q", "-t", name, context.toString());
    return ENGINE.podman("image", "inspect", "--format", "{{.Id}}", name).strip();
  }

  private static String imageOf(String container) {
    return ENGINE.podman("inspect", "--format", "{{.Image}}", container).strip();
  }
}
