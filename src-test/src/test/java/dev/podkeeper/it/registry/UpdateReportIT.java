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
 * {@code update: { policy: registry, mode: report }} against a docker-registry of the test's own: a moved tag is
 * found by {@code --check-updates}, logged as {@code update-available} with both digests and shown by plan, and the
 * container is left as it was. Each check is one HEAD and no GET in the registry's access log.
 */
class UpdateReportIT {
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
  static void aContainerOnAPulledTag() throws IOException {
    registry = RegistryFixture.start("report");
    stack = ENGINE.uniqueName("upd").toLowerCase();
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
            update: { policy: registry, mode: report }
        """.formatted(stack, container, reference));
  }

  @AfterAll
  static void removeWhatTheTestMade() {
    ENGINE.podmanQuietly("rm", "-f", "-t", "0", container);
    ENGINE.podmanQuietly("rmi", "-f", reference);
    registry.close();
  }

  @Test
  void aMovedTagIsReportedWithBothDigestsAndNotApplied() throws Exception {
    // As on a real host: the image under the tag came from the registry (the local build is gone), so it carries
    // the pulled manifest's digest and no other.
    String built = RegistryFixture.versionImage(ENGINE, 1);
    String v1 = registry.push(ENGINE, built, repository + ":latest");
    ENGINE.podman("rmi", built);
    ENGINE.podman("pull", "--tls-verify=false", reference);

    AgentCommand first = AgentCommand.run(dir.resolve("apply-1.log"), "apply", file, ENGINE.socket());
    assertThat(first.exitCode()).as(first.output()).isZero();
    String id = ENGINE.podman("inspect", "--format", "{{.Id}}", container).strip();
    assertThat(first.output()).as("apply without --check-updates asks no registry").doesNotContain("update-");
    assertThat(registry.manifestRequests("HEAD", repository)).isZero();

    AgentCommand upToDate = AgentCommand.run(dir.resolve("plan-1.log"), "plan", file, ENGINE.socket(),
        "--check-updates");
    assertThat(upToDate.output()).contains("Image updates (asked the registry now: 1 reference in ")
        .contains(container + ": " + reference + " up to date (running "
        + v1.substring(0, 19));
    long getsAfterPull = registry.manifestRequests("GET", repository);
    assertThat(registry.manifestRequests("HEAD", repository)).isEqualTo(1);

    String v2 = registry.push(ENGINE, RegistryFixture.versionImage(ENGINE, 2), repository + ":latest");
    long headsBefore = registry.manifestRequests("HEAD", repository);
    AgentCommand report = AgentCommand.run(dir.resolve("apply-2.log"), "apply", file, ENGINE.socket(),
        "--check-updates");

    assertThat(report.exitCode()).as(report.output()).isZero();
    assertThat(report.output()).containsPattern("event=update-available target=" + container + " image=\\S+ running="
        + v1 + " available=" + v2 + " mode=report");
    assertThat(ENGINE.podman("inspect", "--format", "{{.Id}}", container).strip()).as("report mode changes nothing")
        .isEqualTo(id);
    assertThat(registry.manifestRequests("HEAD", repository)).isEqualTo(headsBefore + 1);
    assertThat(registry.manifestRequests("GET", repository)).as("a check is no pull").isEqualTo(getsAfterPull);

    AgentCommand plan = AgentCommand.run(dir.resolve("plan-2.log"), "plan", file, ENGINE.socket(), "--check-updates");
    assertThat(plan.output()).contains("update available: running " + v1.substring(0, 19) + " → "
        + v2.substring(0, 19) + " (mode report: not applied)");

    AgentCommand status = AgentCommand.run(dir.resolve("status.log"), "status", file, ENGINE.socket(),
        "--status-socket", dir.resolve("no-agent.sock").toString());
    assertThat(status.output()).containsPattern("image-update\\s+" + container
        + "\\s+policy registry, mode report, every 6h, rollback true\\s+policy registry, not checked yet; running "
        + v1.substring(0, 19));
  }
}
