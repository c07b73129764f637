package dev.podkeeper.it.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.it.RepoScripts;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The packaged unit's sandbox allows what validation accepts: a directory mode with the setgid bit
 * ("2775", for a directory shared by a group). Run under real systemd with the unit's own hardening lines,
 * as a transient service, so that a line added to the unit that forbids it (RestrictSUIDSGID=yes did, and
 * the agent then failed that directory at every pass) fails here.
 */
class UnitHardeningIT {
  @Test
  void theUnitsSandboxLetsTheAgentSetASetgidDirectoryMode() throws IOException {
    SystemdContainerFixture systemd = SystemdContainerFixture.shared();
    List<String> argv = new ArrayList<>(List.of("systemd-run", "--wait", "--pipe", "--quiet", "--collect"));
    for (String line : hardening()) {
      argv.add("-p");
      argv.add(line);
    }
    String d = "/srv/pk-setgid-" + UUID.randomUUID();
    argv.addAll(List.of("sh", "-c", "mkdir -p " + d + " && chmod 2775 " + d + " && stat -c %a " + d + "; rmdir " + d));

    Command run = systemd.exec(argv.toArray(String[]::new));

    assertThat(run.stdout().strip()).as("%s", run).isEqualTo("2775");
  }

  /** The [Service] lines after the unit's "# Hardening." comment: the sandbox, as systemd-run properties. */
  private static List<String> hardening() throws IOException {
    List<String> lines = Files.readAllLines(RepoScripts.repo().resolve("packaging/src/deb/systemd/podkeeper.service"));
    List<String> properties = new ArrayList<>();
    boolean inHardening = false;
    for (String line : lines) {
      if (line.startsWith("# Hardening.")) {
        inHardening = true;
      } else if (line.startsWith("[")) {
        inHardening = false;
      } else if (inHardening && !line.isBlank() && !line.startsWith("#")) {
        properties.add(line.strip());
      }
    }
    assertThat(properties).as("the unit's hardening lines").isNotEmpty();
    return properties;
  }
}
