package dev.podkeeper.it.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.it.AgentCommand;
import dev.podkeeper.it.PodmanEngineFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code update: { policy: registry }} (mode apply) against a docker-registry of the test's own: a moved tag is
 * pulled by {@code apply --check-updates} and the container recreated on it, labelled with its digest; a release
 * that exits at once fails the health gate and is rolled back, its digest held back.
 */
class UpdateApplyIT {
  private static final PodmanEngineFixture.Engine ENGINE = PodmanEngineFixture.get();

  @TempDir
  static Path dir;

  private static RegistryFixture registry;
  private static String stack;
  private static String container;
  private static String repository;
  private static String reference;
  private static Path file;

  @BeforeAll
  static void aStackThatFollowsItsTag() throws IOException {
    registry = RegistryFixture.start("apply");
    stack = ENGINE.uniqueName("upa").toLowerCase();
    container = stack + "-app";
    repository = "podkeeper-it/" + stack;
    reference = registry.host() + "/" + repository + ":latest";
    file = dir.resolve("stack.yaml");
    Files.writeString(file, """
        version: 1
        stack: %s
        containers:
          %s:
            image: %s
            update: { policy: registry, healthTimeout: 3s }
        """.formatted(stack, container, reference));
  }

  @AfterAll
  static void removeWhatTheTestMade() {
    ENGINE.podmanQuietly("rm", "-f", "-t", "0", container);
    ENGINE.podmanQuietly("rmi", "-f", reference, rollbackImage());
    registry.close();
  }

  private static String rollbackImage() {
    return "localhost/podkeeper-rollback/" + stack + "-" + container + ":previous";
  }

  @Test
  void aMovedTagIsAppliedAndABrokenReleaseRolledBackAndHeldBack() throws Exception {
    String built = RegistryFixture.versionImage(ENGINE, 1);
    String v1 = registry.push(ENGINE, built, repository + ":latest");
    ENGINE.podman("rmi", built);
    ENGINE.podman("pull", "--tls-verify=false", reference);
    AgentCommand first = AgentCommand.run(dir.resolve("apply-1.log"), "apply", file, ENGINE.socket());
    assertThat(first.exitCode()).as(first.output()).isZero();
    String v1Image = imageOf(container);

    String v2 = registry.push(ENGINE, RegistryFixture.versionImage(ENGINE, 2), repository + ":latest");
    pullOverPlainHttp(v2);
    AgentCommand update = AgentCommand.run(dir.resolve("apply-2.log"), "apply", file, ENGINE.socket(),
        "--check-updates");

    assertThat(update.exitCode()).as(update.output()).isZero();
    assertThat(update.output())
        .contains("update-available " + v1.substring(0, 19) + " → " + v2.substring(0, 19))
        .containsPattern("event=updated target=" + container + " image=\\S+ from=" + v1 + " to=" + v2);
    String v2Image = imageOf(container);
    assertThat(v2Image).isNotEqualTo(v1Image);
    assertThat(label(container, "dev.podkeeper.image-digest")).isEqualTo(v2);
    assertThat(running(container)).isTrue();
    assertThat(ENGINE.podman("image", "inspect", "--format", "{{.Id}}", rollbackImage()).strip())
        .as("the previous image is kept").isEqualTo(v1Image);

    String v3 = registry.push(ENGINE, RegistryFixture.crashingVersionImage(ENGINE, 3), repository + ":latest");
    pullOverPlainHttp(v3);
    AgentCommand broken = AgentCommand.run(dir.resolve("apply-3.log"), "apply", file, ENGINE.socket(),
        "--check-updates");

    assertThat(broken.exitCode()).as(broken.output()).isZero();
    assertThat(broken.output())
        .containsPattern("event=rolled-back target=" + container + " image=\\S+ from=" + v2 + " to=" + v3)
        .containsPattern("event=held-back target=" + container);
    assertThat(imageOf(container)).isEqualTo(v2Image);
    assertThat(running(container)).isTrue();
    assertThat(label(container, "dev.podkeeper.held-back-digest")).isEqualTo(v3);
    assertThat(label(container, "dev.podkeeper.image-digest")).isEqualTo(v2);
    assertThat(ENGINE.podman("image", "inspect", "--format", "{{.Id}}", reference).strip())
        .as("the reference names the previous image again").isEqualTo(v2Image);

    AgentCommand again = AgentCommand.run(dir.resolve("apply-4.log"), "apply", file, ENGINE.socket(),
        "--check-updates");
    assertThat(again.exitCode()).as(again.output()).isZero();
    assertThat(again.output()).as("held back: not tried again").doesNotContain("recreate-container");
    assertThat(imageOf(container)).isEqualTo(v2Image);
  }

  /**
   * The engine pulls over HTTPS from every registry not marked insecure in its registries.conf, which the shared
   * test engine's is not. Pulled here by digest (the tag stays on the image the container runs), the new image is
   * in the store, and podkeeper names it by the reference instead of pulling.
   */
  private static void pullOverPlainHttp(String digest) {
    ENGINE.podman("pull", "--tls-verify=false", registry.host() + "/" + repository + "@" + digest);
  }

  private static String imageOf(String name) {
    return ENGINE.podman("inspect", "--format", "{{.Image}}", name).strip();
  }

  private static boolean running(String name) {
    return Boolean.parseBoolean(ENGINE.podman("inspect", "--format", "{{.State.Running}}", name).strip());
  }

  private static String label(String name, String key) {
    return ENGINE.podman("inspect", "--format", "{{index .Config.Labels \"" + key + "\"}}", name).strip();
  }
}
