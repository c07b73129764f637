package dev.podkeeper.it.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.it.AgentCommand;
import dev.podkeeper.it.PodmanEngineFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code update: { policy: registry }} (mode apply) against a docker-registry of the test's own, which the engine
 * trusts: a moved tag is pulled by {@code apply --check-updates} (podkeeper's own pull, through the engine) and the
 * container recreated on it, labelled with its digest; the previous image, kept under its rollback name, survives a
 * prune; a release that exits at once fails the health gate and is rolled back, its digest held back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpdateApplyIT {
  private static final TrustedRegistry TRUSTED = TrustedRegistry.get();
  private static final PodmanEngineFixture.Engine ENGINE = TRUSTED.engine;
  private static final RegistryFixture REGISTRY = TRUSTED.registry;

  @TempDir
  static Path dir;

  private static FollowingStack followed;
  private static String v1;
  private static String v1Image;
  private static String v2;
  private static String v2Image;

  @BeforeAll
  static void aStackThatRunsVersion1OfItsTag() throws Exception {
    followed = FollowingStack.write(ENGINE, REGISTRY, dir, "upa", "{ policy: registry, healthTimeout: 3s }");
    v1 = followed.pushAndPullVersion1(ENGINE, REGISTRY);
    AgentCommand first = AgentCommand.run(dir.resolve("apply-1.log"), "apply", followed.file, ENGINE.socket());
    assertThat(first.exitCode()).as(first.output()).isZero();
    v1Image = imageOf(followed.container);
  }

  @AfterAll
  static void removeWhatTheTestMade() {
    followed.remove(ENGINE, "localhost/podkeeper-update-test:v2", "localhost/podkeeper-update-test:v3");
  }

  @Test
  @Order(1)
  void aMovedTagIsPulledAndTheContainerRecreatedOnIt() throws Exception {
    v2 = REGISTRY.push(ENGINE, RegistryFixture.versionImage(ENGINE, 2), followed.repository + ":latest");
    long manifestGets = REGISTRY.manifestRequests("GET", followed.repository);

    AgentCommand update = applyCheckingUpdates("apply-2.log");

    assertThat(update.output())
        .contains("update-available " + v1.substring(0, 19) + " → " + v2.substring(0, 19))
        .containsPattern("event=updated target=" + followed.container + " image=\\S+ from=" + v1 + " to=" + v2);
    assertThat(REGISTRY.manifestRequests("GET", followed.repository))
        .as("podkeeper pulled the moved tag through the engine").isGreaterThan(manifestGets);
    v2Image = imageOf(followed.container);
    assertThat(imageId(REGISTRY.host() + "/" + followed.repository + "@" + v2))
        .as("the container runs the image of the manifest pulled").isEqualTo(v2Image);
    assertThat(v2Image).isNotEqualTo(v1Image);
    assertThat(label(followed.container, "dev.podkeeper.image-digest")).isEqualTo(v2);
    assertThat(running(followed.container)).isTrue();
    assertThat(imageId(followed.rollbackImage())).as("the previous image is kept").isEqualTo(v1Image);
  }

  @Test
  @Order(2)
  void theRollbackImageSurvivesAPrune() {
    assertThat(ENGINE.podman("image", "inspect", "--format", "{{.RepoTags}}", followed.rollbackImage()).strip())
        .as("its only name: without it the previous image would be dangling, the first thing a prune removes")
        .isEqualTo("[" + followed.rollbackImage() + "]");

    ENGINE.podman("image", "prune", "--force");

    assertThat(imageId(followed.rollbackImage())).isEqualTo(v1Image);
    assertThat(ENGINE.podman("image", "inspect", "--format", "{{.Digest}}", followed.rollbackImage()).strip())
        .as("the previous release's manifest").isEqualTo(v1);
  }

  @Test
  @Order(3)
  void aBrokenReleaseIsRolledBackAndHeldBack() throws Exception {
    String v3 = REGISTRY.push(ENGINE, RegistryFixture.crashingVersionImage(ENGINE, 3), followed.repository + ":latest");

    AgentCommand broken = applyCheckingUpdates("apply-3.log");

    assertThat(broken.output())
        .containsPattern("event=rolled-back target=" + followed.container + " image=\\S+ from=" + v2 + " to=" + v3)
        .containsPattern("event=held-back target=" + followed.container);
    assertThat(imageOf(followed.container)).isEqualTo(v2Image);
    assertThat(running(followed.container)).isTrue();
    assertThat(label(followed.container, "dev.podkeeper.held-back-digest")).isEqualTo(v3);
    assertThat(label(followed.container, "dev.podkeeper.image-digest")).isEqualTo(v2);
    assertThat(imageId(followed.reference)).as("the reference names the previous image again").isEqualTo(v2Image);
  }

  @Test
  @Order(4)
  void aHeldBackDigestIsNotTriedAgain() throws Exception {
    AgentCommand again = applyCheckingUpdates("apply-4.log");

    assertThat(again.output()).as("held back: not tried again").doesNotContain("recreate-container");
    assertThat(imageOf(followed.container)).isEqualTo(v2Image);
  }

  /** {@code apply --check-updates}, which converges (a rollback is a success too). */
  private static AgentCommand applyCheckingUpdates(String log) throws InterruptedException {
    AgentCommand apply = AgentCommand.run(dir.resolve(log), "apply", followed.file, ENGINE.socket(), "--check-updates");
    assertThat(apply.exitCode()).as(apply.output()).isZero();
    return apply;
  }

  private static String imageOf(String container) {
    return ENGINE.podman("inspect", "--format", "{{.Image}}", container).strip();
  }

  private static String imageId(String image) {
    return ENGINE.podman("image", "inspect", "--format", "{{.Id}}", image).strip();
  }

  private static boolean running(String container) {
    return Boolean.parseBoolean(ENGINE.podman("inspect", "--format", "{{.State.Running}}", container).strip());
  }

  private static String label(String container, String key) {
    return ENGINE.podman("inspect", "--format", "{{index .Config.Labels \"" + key + "\"}}", container).strip();
  }
}
