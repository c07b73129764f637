package dev.podkeeper.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code podkeeper apply}: one pass, the reconcile log on stdout, exit 0 only when converged. */
class ApplyCommandTest {
  private final FakesWiring fakes = new FakesWiring();

  @TempDir
  Path dir;

  @Test
  void convergesAndPrintsTheReconcileLog() throws Exception {
    CommandRun run = CommandRun.of(fakes, "apply", CommandRun.stackFile(dir, CommandRun.CONTAINERS).toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().lines()).hasSize(6)
        .anySatisfy(l -> assertThat(l).contains("trigger=manual action=create-container target=qbittorrent cause=missing"
            + " outcome=ok"))
        .last().asString().contains("converged=5/5 actions=5 failures=0 skipped=0");
    assertThat(run.out()).doesNotContain(FakesWiring.SECRET);
    assertThat(fakes.engine.find("qbittorrent")).hasValueSatisfying(c -> assertThat(c.running()).isTrue());
  }

  @Test
  void logsJsonOneObjectPerLine() throws Exception {
    CommandRun run = CommandRun.of(fakes, "apply", "--log-format", "json",
        CommandRun.stackFile(dir, CommandRun.CONTAINERS).toString());

    ObjectMapper json = new ObjectMapper();
    assertThat(run.out().lines().map(line -> readTree(json, line).get("pass").asText()).distinct()).hasSize(1);
  }

  @Test
  void takesTheGlobalOptionsBeforeOrAfterItsName() throws Exception {
    Path file = CommandRun.stackFile(dir, CommandRun.CONTAINERS);

    CommandRun.of(fakes, "--podman-socket", "unix:///tmp/podman.sock", "apply", "--systemd-bus", "unix:path=/tmp/bus",
        file.toString());

    assertThat(fakes.options.podmanSocket()).isEqualTo("unix:///tmp/podman.sock");
    assertThat(fakes.options.systemdBus()).isEqualTo("unix:path=/tmp/bus");
  }

  @Test
  void exitsOneWhenSomethingFailed() throws Exception {
    CommandRun run = CommandRun.of(fakes, "apply", CommandRun.stackFile(dir, """
        containers:
          gluetun:
            image: localhost/not-imported:1
            pull: never
            network: media
        """).toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("outcome=failed")
        .contains("image localhost/not-imported:1 is not in the engine's store and its pull policy is never");
  }

  @Test
  void anEmptiedFileNeedsAllowEmpty() throws Exception {
    CommandRun.of(fakes, "apply", CommandRun.stackFile(dir, CommandRun.CONTAINERS).toString());
    Path emptied = CommandRun.stackFile(dir, "containers: {}\n");

    CommandRun refused = CommandRun.of(fakes, "apply", emptied.toString());
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.out()).contains("--allow-empty");
    assertThat(fakes.engine.find("gluetun")).isPresent();

    assertThat(CommandRun.of(fakes, "apply", "--allow-empty", emptied.toString()).exitCode()).isZero();
    assertThat(fakes.engine.listContainers()).isEmpty();
  }

  @Test
  void anInvalidFileChangesNothing() throws Exception {
    Path file = Files.writeString(dir.resolve("bad.yaml"), "version: 1\nstack: media\ncontainers:\n  x:\n    image: a\n"
        + "    network: nowhere\n");

    CommandRun run = CommandRun.of(fakes, "apply", file.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("nowhere").contains("nothing was changed");
    assertThat(fakes.engine.callCount()).isZero();
  }

  private static JsonNode readTree(ObjectMapper json, String line) {
    try {
      return json.readTree(line);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }
}
