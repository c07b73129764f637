package dev.podkeeper.agent.cli;

import static dev.podkeeper.agent.cli.CommandLineRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.model.parse.Parsing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
  @TempDir
  Path dir;

  @Test
  void aValidFileExitsZeroAndSaysWhatItHolds() {
    Path example = Parsing.repositoryRoot().resolve("examples/hwc-server.yaml");
    CommandLineRun run = run("validate", example.toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo(example + ": valid (10 containers, 1 network, 23 directories, 1 env file, 6 units)\n");
    // soularr publishes no version tags: the example says so, and validate says what that means
    assertThat(run.err()).isEqualTo(example + ":274:12: warning: image \"docker.io/mrusse08/soularr:latest\" has the"
        + " tag latest: which version runs depends on when this host pulled it, and podkeeper does not update it;"
        + " pin a version tag, e.g. docker.io/mrusse08/soularr:1.2.3, or let podkeeper follow it with"
        + " update: { policy: registry } [warn.image-unpinned]\n");
  }

  @Test
  void warningsGoToStderrAndTheFileIsStillValid() throws IOException {
    Path file = write("version: 1\nstack: s\ncontainers:\n  a: { image: i:1, lanAccess: true, ports: [\"127.0.0.1:80:80\"] }\n"
        + "  b: { image: \"i\", ports: [\"203.0.113.7:81:80\"], lanAccess: true }\n");

    CommandLineRun run = run("validate", file.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith(file + ": valid (2 containers");
    assertThat(run.err().lines()).containsExactly(
        file + ":4:31: warning: lanAccess: true does nothing for container \"a\": all its ports are on loopback;"
            + " give a port a LAN host IP (e.g. 192.168.1.10:8080:80), or remove lanAccess [warn.lan-access]",
        file + ":5:15: warning: image \"i\" has no tag (so latest): which version runs depends on when this host"
            + " pulled it, and podkeeper does not update it; pin a version tag, e.g. i:1.2.3, or let podkeeper follow it"
            + " with update: { policy: registry } [warn.image-unpinned]");
  }

  @Test
  void countsUseTheSingularForOne() throws IOException {
    Path file = write("version: 1\nstack: s\nnetworks: { n: {} }\ncontainers: { a: { image: i, network: n } }\n");
    assertThat(run("validate", file.toString()).out())
        .isEqualTo(file + ": valid (1 container, 1 network, 0 directories, 0 env files, 0 units)\n");
  }

  @Test
  void anInvalidFileExitsOneWithEveryProblemOnStderr() throws IOException {
    Path file = write("""
        version: 1
        stack: s
        networks: { n: {} }
        containers:
          web:
            image: nginx
            network: n
            ports: ["8080:80"]
            dependsOn: [db]
        """);
    CommandLineRun run = run("validate", file.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo(
        file + ":8:13: port \"8080:80\" has no host IP; it would bind every interface. Write 127.0.0.1:8080:80, "
            + "or set lanAccess: true and give the IP [ports.host-ip]\n"
            + file + ":9:17: dependsOn names \"db\", which is not a container of this file [refs.unknown]\n");
  }

  @Test
  void aMissingFileIsInvalidNotAUsageError() {
    Path missing = dir.resolve("nothing.yaml");
    CommandLineRun run = run("validate", missing.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo(missing + ":1:1: cannot read the file: no such file [file.readable]\n");
  }

  @Test
  void usageErrorsExitTwo() {
    CommandLineRun noFile = run("validate");
    assertThat(noFile.exitCode()).isEqualTo(2);
    assertThat(noFile.err()).contains("Missing required parameter: 'FILE'", "Usage: podkeeper validate");
    assertThat(run("validate", "a.yaml", "b.yaml").exitCode()).isEqualTo(2);
    assertThat(run("validate", "--strict", "a.yaml").exitCode()).isEqualTo(2);
  }

  @Test
  void helpDescribesTheExitCodes() {
    CommandLineRun help = run("validate", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("FILE:LINE:COLUMN: message [rule]", "0   FILE is valid.", "1   FILE is invalid",
        "2   Usage error.");
  }

  private Path write(String yaml) throws IOException {
    return Files.writeString(dir.resolve("stack.yaml"), yaml);
  }
}
