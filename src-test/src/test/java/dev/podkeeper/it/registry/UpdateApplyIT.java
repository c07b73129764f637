package dev.podkeeper.it.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.it.AgentCommand;
import dev.podkeeper.it.PodmanEngineFixture;
import java.io.IOException;
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
  private static FollowingStack followed;

  @BeforeAll
  static void aStackThatFollowsItsTag() throws IOException {
    registry = RegistryFixture.start("apply");
    followed = FollowingStack.write(ENGINE, registry, dir, "upa", "{ policy: registry, healthTimeout: 3s }");
  }

  @AfterAll
  static void removeWhatTheTestMade() {
    followed.remove(ENGINE, rollbackImage());
    registry.close();
  }

  private static String rollbackImage() {
    return "localhost/podkeeper-rollback/" + followed.stack + "-" + followed.container + ":previous";
  }

  @Test
  void aMovedTagIsAppliedAndABrokenReleaseRolledBackAndHeldBack() throws Exception {
    String v1 = followed.pushAndPullVersion1(ENGINE, registry);
    AgentCommand first = AgentCommand.run(dir.resolve("apply-1.log"), "apply", followed.file, ENGINE.socket());
    assertThat(first.exitCode()).as(first.output()).isZero();
    String v1Image = imageOf(followed.container);

    String v2 = pushAndPullByDigest(RegistryFixture.versionImage(ENGINE, 2));
    AgentCommand update = applyCheckingUpdates("apply-2.log");

    assertThat(update.output())
        .contains("update-available " + v1.substring(0, 19) + " → " + v2.substring(0, 19))
        .containsPattern("event=updated target=" + followed.container + " image=\\S+ from=" + v1 + " to=" + v2);
    String v2Image = imageOf(followed.container);
    assertThat(v2Image).isNotEqualTo(v1Image);
    assertThat(label(followed.container, "dev.podkeeper.image-digest")).isEqualTo(v2);
    assertThat(running(followed.container)).isTrue();
    assertThat(ENGINE.podman("image", "inspect", "--format", "{{.Id}}", rollbackImage()).strip())
        .as("the previous image is kept").isEqualTo(v1Image);

    String v3 = pushAndPullByDigest(RegistryFixture.crashingVersionImage(ENGINE, 3));
    AgentCommand broken = applyCheckingUpdates("apply-3.log");

    assertThat(broken.output())
        .containsPattern("event=rolled-back target=" + followed.container + " image=\\S+ from=" + v2 + " to=" + v3)
        .containsPattern("event=held-back target=" + followed.container);
    assertThat(imageOf(followed.container)).isEqualTo(v2Image);
    assertThat(running(followed.container)).isTrue();
    assertThat(label(followed.container, "dev.podkeeper.held-back-digest")).isEqualTo(v3);
    assertThat(label(followed.container, "dev.podkeeper.image-digest")).isEqualTo(v2);
    assertThat(ENGINE.podman("image", "inspect", "--format", "{{.Id}}", followed.reference).strip())
        .as("the reference names the previous image again").isEqualTo(v2Image);

    AgentCommand again = applyCheckingUpdates("apply-4.log");
    assertThat(again.output()).as("held back: not tried again").doesNotContain("recreate-container");
    assertThat(imageOf(followed.container)).isEqualTo(v2Image);
  }

  /**
   * Pushes the image under the tag; its digest. The engine pulls over HTTPS from every registry not marked
   * insecure in its registries.conf, which the shared test engine's is not: pulled here by digest (the tag stays
   * on the image the container runs), the new image is in the store, and podkeeper names it by the reference
   * instead of pulling.
   */
  private static String pushAndPullByDigest(String localImage) {
    String digest = registry.push(ENGINE, localImage, followed.repository + ":latest");
    ENGINE.podman("pull", "--tls-verify=false", registry.host() + "/" + followed.repository + "@" + digest);
    return digest;
  }

  /** {@code apply --check-updates}, which converges (a rollback is a success too). */
  private static AgentCommand applyCheckingUpdates(String log) throws InterruptedException {
    AgentCommand apply = AgentCommand.run(dir.resolve(log), "apply", followed.file, ENGINE.socket(), "--check-updates");
    assertThat(apply.exitCode()).as(apply.output()).isZero();
    return apply;
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
