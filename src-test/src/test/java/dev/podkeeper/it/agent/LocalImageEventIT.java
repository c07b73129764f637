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
 * {@code update: { policy: local }} under {@code podkeeper run}: a new image tagged or built under the name a
 * container follows is an engine event that asks for a pass at once (the periodic resync is ten minutes away).
 * Under {@code mode: report} that pass reports the update with the image the container runs and the one the name
 * stands for now; under {@code mode: apply} it recreates the container on the tagged image, which nothing pulls,
 * and rolls a broken one back, giving the name back to the image before.
 */
class LocalImageEventIT {
  private static final PodmanEngineFixture.Engine ENGINE = PodmanEngineFixture.get();
  private static final Duration PROMPTLY = Duration.ofSeconds(30);
  /** The gate of a container without a health check: still running after it passes. */
  private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);

  @TempDir
  static Path dir;

  private static String stack;
  private static String container;
  private static String image;
  private static String applied;
  private static String appliedImage;
  private static AgentProcess agent;

  @BeforeAll
  static void anAgentRunningAContainerOnALocallyBuiltImage() throws IOException {
    stack = ENGINE.uniqueName("localupd").toLowerCase();
    container = stack + "-app";
    image = "localhost/" + stack + ":latest";
    applied = stack + "-applied";
    appliedImage = "localhost/" + stack + "-applied:latest";
    build("1", image, "");
    build("applied-1", appliedImage, "");
    Path file = dir.resolve("stack.yaml");
    Files.writeString(file, """
        version: 1
        stack: %s
        containers:
          %s:
            image: %s
            pull: never
            update: { policy: local, mode: report }
          %s:
            image: %s
            pull: never
            update: { policy: local, healthTimeout: %ds }
        """.formatted(stack, container, image, applied, appliedImage, HEALTH_TIMEOUT.toSeconds()));
    Path statusSocket = dir.resolve("status.sock");
    agent = AgentProcess.start(file, ENGINE.socket(), statusSocket, "--resync", "10m");
    // Quiet from here on: the pass that followed its own create and start (their events) had nothing to do.
    await().atMost(Duration.ofMinutes(2)).until(() -> agent.log().contains("action=create-container target="
        + container + " ") && agent.log().contains("action=create-container target=" + applied + " ")
        && StatusClient.fetch(statusSocket)
        .filter(json -> json.contains("\"converged\":true") && json.contains(" 0 actions,")).isPresent());
  }

  @AfterAll
  static void removeWhatTheTestMade() {
    if (agent != null) {
      agent.close();
    }
    ENGINE.podmanQuietly("rm", "-f", "-t", "0", container, applied);
    ENGINE.podmanQuietly("rmi", "-f", image, versioned(image, "v2"), appliedImage, versioned(appliedImage, "v2"),
        versioned(appliedImage, "v3"), rollbackImage());
  }

  @Test
  void aTagOrABuildUnderTheFollowedNameIsReportedAtOnce() throws Exception {
    String running = imageOf(container);
    assertThat(agent.log()).doesNotContain("event=update-available target=" + container + " ");

    String tagged = build("2", versioned(image, "v2"), "");
    ENGINE.podman("tag", versioned(image, "v2"), image);
    await().atMost(PROMPTLY).untilAsserted(() -> assertThat(agent.log()).as("after podman tag")
        .containsPattern(updateAvailable(running, tagged)));

    String built = build("3", image, "");
    await().atMost(PROMPTLY).untilAsserted(() -> assertThat(agent.log()).as("after podman build")
        .containsPattern(updateAvailable(running, built)));
    assertThat(imageOf(container)).as("mode report: the container stays on its image").isEqualTo(running);
  }

  @Test
  void underModeApplyATaggedImageIsRunWithoutAPullAndABrokenOneRolledBack() throws Exception {
    String before = imageOf(applied);

    String good = build("applied-2", versioned(appliedImage, "v2"), "");
    ENGINE.podman("tag", versioned(appliedImage, "v2"), appliedImage);
    await().atMost(PROMPTLY.plus(HEALTH_TIMEOUT)).untilAsserted(() -> assertThat(agent.log()).as("after podman tag")
        .containsPattern("event=updated target=" + applied + " image=" + appliedImage + " from=\\S*" + before
            + " to=\\S*" + good));
    assertThat(imageOf(applied)).isEqualTo(good);
    assertThat(ENGINE.podman("image", "inspect", "--format", "{{.Id}}", rollbackImage()).strip())
        .as("the image before is kept for a rollback").isEqualTo(before);
    assertThat(label(applied, "dev.podkeeper.image-digest")).as("an image ID, for policy local").endsWith(good);

    String broken = build("applied-3", versioned(appliedImage, "v3"), "CMD [\"/bin/sh\", \"-c\", \"exit 1\"]\n");
    ENGINE.podman("tag", versioned(appliedImage, "v3"), appliedImage);
    await().atMost(PROMPTLY.plus(HEALTH_TIMEOUT)).untilAsserted(() -> assertThat(agent.log())
        .containsPattern("event=rolled-back target=" + applied + " image=" + appliedImage + " from=\\S*" + good
            + " to=\\S*" + broken + " reason=\"exited 1\"")
        .containsPattern("event=held-back target=" + applied + " "));
    assertThat(imageOf(applied)).isEqualTo(good);
    assertThat(ENGINE.podman("image", "inspect", "--format", "{{.Id}}", appliedImage).strip())
        .as("the name is given back to the image before").isEqualTo(good);
    assertThat(label(applied, "dev.podkeeper.held-back-digest")).endsWith(broken);
    assertThat(ENGINE.podman("inspect", "--format", "{{.State.Running}}", applied).strip()).isEqualTo("true");
  }

  private static String updateAvailable(String running, String available) {
    return "event=update-available target=" + container + " image=" + image + " running=\\S*" + running
        + " available=\\S*" + available + " mode=report";
  }

  private static String versioned(String name, String tag) {
    return name.replace(":latest", ":" + tag);
  }

  private static String rollbackImage() {
    return "localhost/podkeeper-rollback/" + stack + "-" + applied + ":previous";
  }

  /** Builds version N of an image under NAME, with more Containerfile lines; its image ID. */
  private static String build(String version, String name, String moreLines) throws IOException {
    Path context = dir.resolve("build-" + version);
    Files.createDirectories(context);
    Files.writeString(context.resolve("Containerfile"),
        "FROM " + ENGINE.image() + "\nLABEL dev.podkeeper.test.version=" + version + "\n" + moreLines);
    ENGINE.podman("build", "--pull=never", "-q", "-t", name, context.toString());
    return ENGINE.podman("image", "inspect", "--format", "{{.Id}}", name).strip();
  }

  private static String imageOf(String container) {
    return ENGINE.podman("inspect", "--format", "{{.Image}}", container).strip();
  }

  private static String label(String container, String key) {
    return ENGINE.podman("inspect", "--format", "{{index .Config.Labels \"" + key + "\"}}", container).strip();
  }
}
