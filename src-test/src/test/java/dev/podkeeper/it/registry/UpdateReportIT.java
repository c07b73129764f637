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
 * {@code update: { policy: registry, mode: report }} against a docker-registry of the test's own: a moved tag is
 * found by {@code --check-updates}, logged as {@code update-available} with both digests and shown by plan, and the
 * container is left as it was. Each check is one HEAD and no GET in the registry's access log.
 */
class UpdateReportIT {
  private static final TrustedRegistry TRUSTED = TrustedRegistry.get();
  private static final PodmanEngineFixture.Engine ENGINE = TRUSTED.engine;
  private static final RegistryFixture REGISTRY = TRUSTED.registry;

  @TempDir
  static Path dir;

  private static FollowingStack followed;

  @BeforeAll
  static void aContainerOnAPulledTag() throws IOException {
    followed = FollowingStack.write(ENGINE, REGISTRY, dir, "upd", "{ policy: registry, mode: report }");
  }

  @AfterAll
  static void removeWhatTheTestMade() {
    followed.remove(ENGINE, "localhost/podkeeper-update-test:v2");
  }

  @Test
  void aMovedTagIsReportedWithBothDigestsAndNotApplied() throws Exception {
    String v1 = followed.pushAndPullVersion1(ENGINE, REGISTRY);

    AgentCommand first = AgentCommand.run(dir.resolve("apply-1.log"), "apply", followed.file, ENGINE.socket());
    assertThat(first.exitCode()).as(first.output()).isZero();
    String id = ENGINE.podman("inspect", "--format", "{{.Id}}", followed.container).strip();
    assertThat(first.output()).as("apply without --check-updates asks no registry").doesNotContain("update-");
    assertThat(REGISTRY.manifestRequests("HEAD", followed.repository)).isZero();

    AgentCommand upToDate = AgentCommand.run(dir.resolve("plan-1.log"), "plan", followed.file, ENGINE.socket(),
        "--check-updates");
    assertThat(upToDate.output()).contains("Image updates (asked the registry now: 1 reference in ")
        .contains(followed.container + ": " + followed.reference + " up to date (running "
        + v1.substring(0, 19));
    long getsAfterPull = REGISTRY.manifestRequests("GET", followed.repository);
    assertThat(REGISTRY.manifestRequests("HEAD", followed.repository)).isEqualTo(1);

    String v2 = REGISTRY.push(ENGINE, RegistryFixture.versionImage(ENGINE, 2), followed.repository + ":latest");
    long headsBefore = REGISTRY.manifestRequests("HEAD", followed.repository);
    AgentCommand report = AgentCommand.run(dir.resolve("apply-2.log"), "apply", followed.file, ENGINE.socket(),
        "--check-updates");

    assertThat(report.exitCode()).as(report.output()).isZero();
    assertThat(report.output()).containsPattern("event=update-available target=" + followed.container
        + " image=\\S+ running="
        + v1 + " available=" + v2 + " mode=report");
    assertThat(ENGINE.podman("inspect", "--format", "{{.Id}}", followed.container).strip())
        .as("report mode changes nothing")
        .isEqualTo(id);
    assertThat(REGISTRY.manifestRequests("HEAD", followed.repository)).isEqualTo(headsBefore + 1);
    assertThat(REGISTRY.manifestRequests("GET", followed.repository)).as("a check is no pull").isEqualTo(getsAfterPull);

    AgentCommand plan = AgentCommand.run(dir.resolve("plan-2.log"), "plan", followed.file, ENGINE.socket(),
        "--check-updates");
    assertThat(plan.output()).contains("update available: running " + v1.substring(0, 19) + " → "
        + v2.substring(0, 19) + " (mode report: not applied)");

    AgentCommand status = AgentCommand.run(dir.resolve("status.log"), "status", followed.file, ENGINE.socket(),
        "--status-socket", dir.resolve("no-agent.sock").toString());
    assertThat(status.output()).containsPattern("image-update\\s+" + followed.container
        + "\\s+policy registry, mode report, every 6h, rollback true\\s+policy registry, not checked yet; running "
        + v1.substring(0, 19));
  }
}
