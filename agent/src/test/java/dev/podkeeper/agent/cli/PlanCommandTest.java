package dev.podkeeper.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code podkeeper plan}: prints actions with causes, changes nothing, exit codes as spec section 4 says. */
class PlanCommandTest {
  private final FakesWiring fakes = new FakesWiring();

  @TempDir
  Path dir;

  @Test
  void warnsOfAHostIpThatIsNotAnAddressOfThisHost() throws Exception {
    Path file = CommandRun.stackFile(dir, """
        containers:
          web:
            image: localhost/gluetun:1
            network: media
            lanAccess: true
            ports: ["203.0.113.7:8080:80"]
        """);

    CommandRun run = CommandRun.of(fakes, "plan", file.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).startsWith(file + ":").contains(": warning: host IP 203.0.113.7 is not an address of this"
        + " host, so Podman cannot publish on it and container \"web\" will not start; this host has ")
        .endsWith("[warn.host-ip]\n");
    assertThat(run.out()).contains("create-container web: missing");
  }

  @Test
  void printsEachActionWithItsCauseAndChangesNothing() throws Exception {
    Path file = CommandRun.stackFile(dir, CommandRun.CONTAINERS);

    CommandRun run = CommandRun.of(fakes, "plan", file.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("""
        Plan for stack media (%s): 5 actions
          1. create-network media: missing
          2. ensure-directory /srv/media: missing, will be created 0:0 0750
          3. write-env-file vpn: missing /srv/media/vpn.env  (after 2)
          4. create-container gluetun: missing  (after 1, 3)
          5. create-container qbittorrent: missing  (after 4)
        """.formatted(file));
    assertThat(fakes.engine.listContainers()).isEmpty();
    assertThat(fakes.files.exists(Path.of("/srv/media"))).isFalse();
  }

  @Test
  void saysWhatWillBeSkippedBecauseWhatItWaitsForWillFail() throws Exception {
    fakes.units.setDown(true);
    Path file = CommandRun.stackFile(dir, CommandRun.WITH_UNIT);

    CommandRun run = CommandRun.of(fakes, "plan", file.toString());

    assertThat(run.out()).contains("""
          4. unit-start zigbee2mqtt.service: state unknown
             will fail: system bus unreachable
          5. create-container gluetun: missing  (after 1, 3, 4)
             will be skipped: waiting for unit zigbee2mqtt.service, which will fail
          6. create-container qbittorrent: missing  (after 5)
             will be skipped: waiting for gluetun, which will be skipped
        """);
  }

  @Test
  void withoutSystemdUnitsAreNotCheckedAndDoNotBlock() throws Exception {
    fakes.units.setDown(true);
    Path file = CommandRun.stackFile(dir, CommandRun.WITH_UNIT);

    CommandRun run = CommandRun.of(fakes, "plan", "--no-systemd", file.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("--no-systemd: 1 unit not checked, requiresUnits do not block\n")
        .contains("4. create-container gluetun: missing  (after 1, 3)\n")
        .doesNotContain("unit-start").doesNotContain("will be skipped");
  }

  @Test
  void detailedExitCodeSaysWhetherChangesArePending() throws Exception {
    Path file = CommandRun.stackFile(dir, CommandRun.CONTAINERS);

    assertThat(CommandRun.of(fakes, "plan", "--detailed-exitcode", file.toString()).exitCode()).isEqualTo(2);
    assertThat(CommandRun.of(fakes, "apply", file.toString()).exitCode()).isZero();
    CommandRun converged = CommandRun.of(fakes, "plan", "--detailed-exitcode", file.toString());
    assertThat(converged.exitCode()).isZero();
    assertThat(converged.out()).isEqualTo("No changes: stack media is as " + file + " declares.\n");
  }

  @Test
  void anInvalidFilePrintsItsProblemsAndExitsOne() throws Exception {
    Path file = Files.writeString(dir.resolve("bad.yaml"), "version: 2\nstack: media\n");

    CommandRun run = CommandRun.of(fakes, "plan", "--detailed-exitcode", file.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains(file + ":1:").contains("nothing was changed");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void anUnreachableEngineIsAnError() throws Exception {
    fakes.engine.setDown(true);

    CommandRun run = CommandRun.of(fakes, "plan", CommandRun.stackFile(dir, CommandRun.CONTAINERS).toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("plan: engine unreachable: connection refused\n");
  }
}
