package dev.podkeeper.agent.reconcile;

import static dev.podkeeper.agent.testing.Stacks.media;
import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.agent.execute.ActionResult;
import dev.podkeeper.agent.plan.Outcome;
import dev.podkeeper.agent.testing.ForwardingEngine;
import dev.podkeeper.agent.testing.Harness;
import dev.podkeeper.agent.testing.Stacks;
import dev.podkeeper.model.Labels;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.EnvFileSpec;
import dev.podkeeper.model.desired.FileMode;
import dev.podkeeper.model.desired.Ownership;
import dev.podkeeper.model.observed.ObservedContainer;
import dev.podkeeper.model.port.EngineException;
import dev.podkeeper.model.port.FailureKind;
import dev.podkeeper.model.port.HostFiles.PathAttributes;
import dev.podkeeper.model.port.ResolvedContainer;
import dev.podkeeper.model.testing.FakeHostFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Whole passes over the in-memory engine, systemd and file system: observe, plan, execute, log. */
class ReconcilePassTest {
  private final Harness harness = new Harness();

  @Test
  void aFreshHostConvergesInOnePass() throws Exception {
    PassResult result = harness.apply(media());

    assertThat(result.converged()).isTrue();
    assertThat(result.convergedObjects()).isEqualTo(9).isEqualTo(result.desiredObjects());
    ObservedContainer gluetun = harness.engine.find("gluetun").orElseThrow();
    ObservedContainer qbittorrent = harness.engine.find("qbittorrent").orElseThrow();
    assertThat(List.of(gluetun, qbittorrent, harness.engine.find("sonarr").orElseThrow()))
        .allMatch(ObservedContainer::running);
    assertThat(qbittorrent.namespaceProviderId()).contains(gluetun.id());
    assertThat(qbittorrent.networkNamespace()).isEqualTo(gluetun.networkNamespace());
    assertThat(harness.engine.createdFrom("gluetun").orElseThrow().env())
        .containsEntry("VPN_PASSWORD", Stacks.SECRET).containsEntry("TZ", "UTC");
    assertThat(new String(harness.files.read(Stacks.ENV_FILE), StandardCharsets.UTF_8))
        .isEqualTo("VPN_PROVIDER=protonvpn\nVPN_PASSWORD=" + Stacks.SECRET + "\n");
    assertThat(harness.files.attributes(Stacks.ENV_FILE)).map(PathAttributes::mode).contains(FileMode.ENV_FILE_DEFAULT);
    assertThat(harness.files.attributes(Path.of("/srv/media")))
        .contains(new PathAttributes(true, new Ownership(0, 0), new FileMode(0750)));
    assertThat(harness.files.attributes(Path.of("/srv/media/qbittorrent")))
        .contains(new PathAttributes(true, Ownership.DEFAULT, FileMode.DIRECTORY_DEFAULT));
    assertThat(harness.units.observe(List.of("jellyfin.service")).get("jellyfin.service"))
        .matches(u -> u.active() && u.enabled());
  }

  @Test
  void aSecondPassFindsNothingToDoWithTwoEngineCalls() throws Exception {
    harness.apply(media());
    Map<String, String> ids = containerIds();
    long calls = harness.engine.callCount();

    PassResult second = harness.apply(media());

    assertThat(second.results()).isEmpty();
    assertThat(second.converged()).isTrue();
    assertThat(containerIds()).isEqualTo(ids);
    assertThat(harness.engine.callCount() - calls).isEqualTo(2);
    assertThat(second.engineCalls()).isEqualTo(2);
    assertThat(harness.log()).contains("pass=pass2 trigger=manual converged=9/9 actions=0 failures=0 skipped=0")
        .contains("engine_calls=2");
  }

  @Test
  void aRecreatedProviderTakesItsMembersAlongWithItsNewId() throws Exception {
    harness.apply(media());
    String oldGluetun = harness.id("gluetun");
    harness.engine.withImage("localhost/gluetun:2");

    PassResult result = harness.apply(Stacks.with(media(), Stacks.gluetun().toBuilder().image("localhost/gluetun:2").build()));

    assertThat(result.converged()).isTrue();
    assertThat(ids(result)).containsExactly("remove-container:qbittorrent", "recreate-container:gluetun",
        "await-healthy:gluetun", "create-container:qbittorrent");
    ObservedContainer gluetun = harness.engine.find("gluetun").orElseThrow();
    ObservedContainer qbittorrent = harness.engine.find("qbittorrent").orElseThrow();
    assertThat(gluetun.id()).isNotEqualTo(oldGluetun);
    assertThat(qbittorrent.namespaceProviderId()).contains(gluetun.id());
    assertThat(qbittorrent.networkNamespace()).isEqualTo(gluetun.networkNamespace());
    assertThat(harness.apply(Stacks.with(media(), Stacks.gluetun().toBuilder().image("localhost/gluetun:2").build()))
        .results()).isEmpty();
  }

  @Test
  void aMemberLeftInADeadNamespaceIsRestarted() throws Exception {
    harness.apply(media());
    harness.clock.advance(Duration.ofMinutes(1));
    harness.engine.restart("gluetun");

    PassResult result = harness.apply(media());

    // Restarted, the provider's health is "starting" again: the member waits until it is healthy.
    assertThat(result.results()).extracting(r -> r.action().describe()).containsExactly(
        "await-healthy gluetun: starting; needed healthy by qbittorrent",
        "restart-container qbittorrent: provider gluetun restarted 10:01:00, after it"
            + " (started 10:00:00)");
    assertThat(result.converged()).isTrue();
    assertThat(harness.engine.find("qbittorrent").orElseThrow().networkNamespace())
        .isEqualTo(harness.engine.find("gluetun").orElseThrow().networkNamespace());
  }

  @Test
  void aMissingSecretFailsItsEnvFileAndSkipsItsDependentsOnly() throws Exception {
    Harness h = new Harness(new FakeHostFiles());

    PassResult result = h.apply(media());

    assertThat(outcomes(result)).containsEntry("write-env-file:vpn", Outcome.FAILED)
        .containsEntry("create-container:gluetun", Outcome.SKIPPED)
        .containsEntry("await-healthy:gluetun", Outcome.SKIPPED)
        .containsEntry("create-container:qbittorrent", Outcome.SKIPPED)
        .containsEntry("create-container:prowlarr", Outcome.OK)
        .containsEntry("create-container:sonarr", Outcome.OK);
    assertThat(result.convergedObjects()).isEqualTo(6);
    assertThat(h.log()).contains("error=\"secret file /run/secrets/vpn-password (for VPN_PASSWORD) is missing\"")
        .contains("error=\"skipped: waiting for env file vpn, which failed\"")
        .contains("converged=6/9 actions=12 failures=1 skipped=3");
  }

  @Test
  void aDirectoryMadeOnlyForAnEnvFileIsRootsAnd0700NotTheStacksDefaultOwners() throws Exception {
    DesiredState m = media();
    Path envFile = Path.of("/etc/podkeeper/media/vpn.env");
    DesiredState desired = new DesiredState(m.source(), m.stack(), m.defaults(), m.networks(), List.of(),
        Map.of("vpn", new EnvFileSpec("vpn", envFile, FileMode.ENV_FILE_DEFAULT, m.envFiles().get("vpn").values())),
        m.units(), m.containers());

    PassResult result = harness.apply(desired);

    assertThat(outcomes(result)).containsEntry("write-env-file:vpn", Outcome.OK);
    assertThat(harness.files.attributes(envFile.getParent()))
        .contains(new PathAttributes(true, new Ownership(0, 0), new FileMode(0700)));
    assertThat(harness.files.attributes(Path.of("/etc/podkeeper")))
        .contains(new PathAttributes(true, new Ownership(0, 0), FileMode.DIRECTORY_DEFAULT));
  }

  @Test
  void aManagedDirectorySwappedForALinkToRootsDirectoryFailsAndTheTargetKeepsItsOwner() throws Exception {
    Path app = Path.of("/srv/media/config");
    Harness h = new Harness(new FakeHostFiles().withFile(Stacks.SECRET_FILE, Stacks.SECRET + "\n")
        .withDirectory(Path.of("/srv/media"), new Ownership(0, 0), new FileMode(0750))
        .withDirectory(Path.of("/etc"), new Ownership(0, 0), FileMode.DIRECTORY_DEFAULT)
        .withSymlink(app, Path.of("/etc"), Ownership.DEFAULT));

    PassResult result = h.apply(media());

    assertThat(outcomes(result)).containsEntry("ensure-directory:" + app, Outcome.FAILED)
        .containsEntry("create-container:sonarr", Outcome.SKIPPED)
        .containsEntry("create-container:prowlarr", Outcome.OK);
    assertThat(h.log()).contains(app + " is a symbolic link");
    assertThat(h.files.tree(Path.of("/etc"))).containsOnlyKeys(Path.of("/etc"));
    assertThat(h.files.tree(Path.of("/etc")).get(Path.of("/etc")).owner()).isEqualTo(new Ownership(0, 0));
  }

  @Test
  void aFifoAsASecretFailsItsEnvFileAtOnceAndTheRestGoesOn() throws Exception {
    Harness h = new Harness(new FakeHostFiles().withFifo(Stacks.SECRET_FILE));

    PassResult result = h.apply(media());

    assertThat(outcomes(result)).containsEntry("write-env-file:vpn", Outcome.FAILED)
        .containsEntry("create-container:prowlarr", Outcome.OK);
    assertThat(h.log()).contains("secret file " + Stacks.SECRET_FILE + " (for VPN_PASSWORD) is refused: "
        + Stacks.SECRET_FILE + " is a FIFO, not a regular file");
  }

  @Test
  void aFailingUnitSkipsTheContainersThatRequireIt() throws Exception {
    harness.units.failStartsOf("jellyfin.service");

    PassResult result = harness.apply(media());

    assertThat(outcomes(result)).containsEntry("unit-start:jellyfin.service", Outcome.FAILED)
        .containsEntry("create-container:sonarr", Outcome.SKIPPED)
        .containsEntry("create-container:gluetun", Outcome.OK);
    assertThat(result.failures()).extracting(r -> r.error().orElseThrow())
        .singleElement().asString().contains("start jellyfin.service");
  }

  @Test
  void aNameClashFailsThatContainerAndLeavesTheUnmanagedOneAlone() throws Exception {
    String theirs = harness.engine.addUnmanaged("prowlarr", "localhost/theirs:1", Map.of());

    PassResult result = harness.apply(media());

    assertThat(outcomes(result)).containsEntry("report-clash:prowlarr", Outcome.FAILED)
        .containsEntry("create-container:sonarr", Outcome.SKIPPED)
        .containsEntry("create-container:qbittorrent", Outcome.OK);
    assertThat(harness.id("prowlarr")).isEqualTo(theirs);
    assertThat(result.converged()).isFalse();
  }

  @Test
  void secretValuesNeverReachTheLogEvenWhenTheEngineQuotesThem() throws Exception {
    ForwardingEngine quoting = new ForwardingEngine(harness.engine) {
      @Override
      public String createContainer(ResolvedContainer c) {
        throw new EngineException("create container " + c.name() + ": bad env " + c.env().entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue()).sorted().collect(Collectors.joining(" ")));
      }
    };

    harness.apply(media(), quoting, LogFormat.TEXT);
    harness.apply(media(), quoting, LogFormat.JSON);

    assertThat(harness.log()).doesNotContain(Stacks.SECRET).contains("VPN_PASSWORD=***");
  }

  @Test
  void anOrphanTheEngineWillNotRemoveDoesNotHoldBackTheCreates() throws Exception {
    harness.engine.addUnmanaged("old-prowlarr", "localhost/prowlarr:1", Map.of(Labels.STACK, Stacks.STACK));
    ForwardingEngine refusing = new ForwardingEngine(harness.engine) {
      @Override
      public void removeContainer(String id) {
        throw new EngineException("remove container " + id + ": Podman says: device or resource busy");
      }
    };

    PassResult result = harness.apply(media(), refusing, LogFormat.TEXT);

    assertThat(result.failures()).extracting(ActionResult::id).containsExactly("remove-container:old-prowlarr");
    assertThat(result.skipped()).isEmpty();
    assertThat(media().containers().keySet()).allSatisfy(name -> assertThat(harness.engine.find(name)).isPresent());
  }

  @Test
  void anUnreachableEngineAbortsThePassAndChangesNothing() throws Exception {
    harness.engine.setDown(true);

    PassResult result = harness.apply(media());

    assertThat(result.abortedBecause()).contains("engine unreachable: connection refused");
    assertThat(result.abortKind()).contains(FailureKind.TRANSIENT);
    assertThat(result.engineReached()).isFalse();
    assertThat(result.converged()).isFalse();
    assertThat(harness.files.exists(Path.of("/srv/media"))).isFalse();
    assertThat(harness.log()).contains("converged=0/9 actions=0").contains("aborted=\"engine unreachable");
  }

  @Test
  void anEmptiedFileIsRefusedWithoutAllowEmpty() throws Exception {
    harness.apply(media());

    PassResult result = harness.apply(Stacks.withContainers(media(), Map.of()));

    assertThat(result.abortedBecause()).hasValueSatisfying(reason -> assertThat(reason).contains("--allow-empty"));
    assertThat(result.abortKind()).contains(FailureKind.PERMANENT);
    assertThat(result.engineReached()).as("the engine was listed before the plan was refused").isTrue();
    assertThat(harness.engine.find("sonarr")).isPresent();
  }

  private Map<String, String> containerIds() {
    return media().containers().keySet().stream().collect(Collectors.toMap(n -> n, harness::id));
  }

  private static List<String> ids(PassResult result) {
    return result.results().stream().map(ActionResult::id).toList();
  }

  private static Map<String, Outcome> outcomes(PassResult result) {
    return result.results().stream().collect(Collectors.toMap(ActionResult::id, ActionResult::outcome));
  }
}
