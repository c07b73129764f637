package dev.podkeeper.agent.observe;

import static dev.podkeeper.agent.testing.Stacks.media;
import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.agent.plan.ObservedWorld;
import dev.podkeeper.agent.plan.Resolution;
import dev.podkeeper.agent.testing.Stacks;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.FileMode;
import dev.podkeeper.model.desired.Ownership;
import dev.podkeeper.model.port.HostFiles;
import dev.podkeeper.model.testing.FakeContainerEngine;
import dev.podkeeper.model.testing.FakeHostFiles;
import dev.podkeeper.model.testing.FakeUnitManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading the world before planning: secrets, env files, merged env, units, paths. */
class WorldObserverTest {
  private final FakeContainerEngine engine = new FakeContainerEngine();
  private final FakeUnitManager units = new FakeUnitManager().withUnit("jellyfin.service");
  private final FakeHostFiles files = new FakeHostFiles()
      .withFile(Stacks.SECRET_FILE, Stacks.SECRET + "\n")
      .withDirectory(Path.of("/srv/media"), new Ownership(0, 0), new FileMode(0750));

  @Test
  void rendersEnvFilesFromLiteralsAndSecretsWithoutTheirTrailingNewline() {
    ObservedWorld world = observe(media());

    byte[] content = world.envFiles().get("vpn").desired().value().orElseThrow().reveal();
    assertThat(new String(content, StandardCharsets.UTF_8))
        .isEqualTo("VPN_PROVIDER=protonvpn\nVPN_PASSWORD=" + Stacks.SECRET + "\n");
    assertThat(world.envFiles().get("vpn").current()).isEmpty();
    assertThat(world.secretValues().reveal()).containsExactly(Stacks.SECRET);
  }

  @Test
  void mergesDefaultsThenEnvFilesThenTheContainersOwnEnv() {
    DesiredState desired = Stacks.with(media(), Stacks.gluetun().toBuilder()
        .envFiles(List.of("vpn", "/etc/extra.env")).env(Map.of("VPN_PROVIDER", "mullvad")).build());
    files.withFile(Path.of("/etc/extra.env"), "# comment\nTZ=Europe/Amsterdam\nFROM_HOST\n\nEXTRA=a=b\n");

    Map<String, String> env = observe(desired).envOf("gluetun").value().orElseThrow().reveal();

    assertThat(env).containsExactly(Map.entry("TZ", "Europe/Amsterdam"), Map.entry("VPN_PROVIDER", "mullvad"),
        Map.entry("VPN_PASSWORD", Stacks.SECRET), Map.entry("EXTRA", "a=b"));
  }

  @Test
  void theValuesOfAnEnvFileReadFromTheHostAreSecretsToScrubToo() {
    DesiredState desired = Stacks.with(media(), Stacks.gluetun().toBuilder()
        .envFiles(List.of("vpn", "/etc/app.env")).build());
    files.withFile(Path.of("/etc/app.env"), "DB_PASSWORD=abc\nEMPTY=\n");

    ObservedWorld world = observe(desired);

    // Such a file is the user's own secret store (spec: env files and fromFile are secrets), whatever the length.
    assertThat(world.secretValues().reveal()).containsExactlyInAnyOrder(Stacks.SECRET, "abc");
  }

  @Test
  void aPathItMayNotLookAtOrALinkIsSaidSoNotCalledMissing() {
    HostFiles refusing = new HostFiles() {
      @Override
      public Optional<PathAttributes> attributes(Path path) throws IOException {
        if (path.equals(Path.of("/srv/media"))) {
          throw new AccessDeniedException(path.toString());
        }
        return files.attributes(path);
      }

      @Override
      public void createDirectories(Path path, Ownership owner, FileMode mode) {
        throw new UnsupportedOperationException("observing writes nothing");
      }

      @Override
      public void setOwnerAndMode(Path path, Ownership owner, FileMode mode) {
        throw new UnsupportedOperationException("observing writes nothing");
      }

      @Override
      public byte[] read(Path path) throws IOException {
        if (path.equals(Stacks.SECRET_FILE)) {
          throw new FileSystemException(path.toString(), null, "Too many levels of symbolic links");
        }
        return files.read(path);
      }

      @Override
      public void writeAtomically(Path path, byte[] content, FileMode mode) {
        throw new UnsupportedOperationException("observing writes nothing");
      }
    };

    ObservedWorld world = new WorldObserver(engine, units, refusing).observe(media());

    assertThat(world.unreadable(Path.of("/srv/media"))).contains("permission denied");
    assertThat(world.attributes(Path.of("/srv/media"))).isEmpty();
    assertThat(world.envFiles().get("vpn").desired().problem())
        .contains("secret file /run/secrets/vpn-password (for VPN_PASSWORD) is a symbolic link");
  }

  @Test
  void aMissingSecretIsAProblemNamingFileAndKeyNeverAValue() {
    FakeHostFiles noSecret = new FakeHostFiles();
    ObservedWorld world = new WorldObserver(engine, units, noSecret).observe(media());

    Resolution<?> vpn = world.envFiles().get("vpn").desired();
    assertThat(vpn.problem()).contains("secret file /run/secrets/vpn-password (for VPN_PASSWORD) is missing");
    assertThat(world.envOf("gluetun").problem()).contains(
        "env file vpn cannot be resolved: secret file /run/secrets/vpn-password (for VPN_PASSWORD) is missing");
    assertThat(world.envOf("prowlarr").resolved()).isTrue();
  }

  @Test
  void aSecretSpanningLinesCannotGoIntoAnEnvFile() {
    files.withFile(Stacks.SECRET_FILE, "line one\nline two\n");

    assertThat(observe(media()).envFiles().get("vpn").desired().problem())
        .contains("the value of VPN_PASSWORD spans several lines, which an env file cannot hold");
  }

  @Test
  void unitsThatCannotBeObservedAreReportedNotThrown() {
    units.setDown(true);

    ObservedWorld world = observe(media());

    assertThat(world.unitsUnavailable()).contains("system bus unreachable");
    assertThat(world.engine().units()).isEmpty();
  }

  @Test
  void listsTheEngineWithTwoCallsAndRecordsOnlyExistingPaths() {
    ObservedWorld world = observe(media());

    assertThat(engine.callCount()).isEqualTo(2);
    assertThat(world.paths()).containsOnlyKeys(Path.of("/srv/media"));
    assertThat(world.engine().units().get("jellyfin.service").active()).isFalse();
  }

  private ObservedWorld observe(DesiredState desired) {
    return new WorldObserver(engine, units, files).observe(desired);
  }
}
