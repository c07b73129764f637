package dev.podkeeper.agent.importing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.agent.plan.Action;
import dev.podkeeper.agent.plan.PlannerOptions;
import dev.podkeeper.agent.testing.Harness;
import dev.podkeeper.agent.testing.Stacks;
import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.NetworkAttachment;
import dev.podkeeper.model.desired.PortMapping;
import dev.podkeeper.model.desired.RestartPolicy;
import dev.podkeeper.model.observed.ImageDefaults;
import dev.podkeeper.model.parse.DesiredStateParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EngineImportTest {
  private static final String IMAGE = "localhost/web:1";
  private static final ImageDefaults WEB_IMAGE = new ImageDefaults(List.of("/bin/sh", "-c", "sleep 600"), List.of(),
      Map.of("PATH", "/bin"), "", "", Map.of("org.opencontainers.image.title", "web"), Optional.empty());

  private final Harness harness = new Harness();

  @Test
  void aPodkeeperMadeStackComesBackAsAFileThatPlansNoChanges() throws Exception {
    harness.apply(Stacks.media());
    harness.files.withFile(Path.of("/etc/podkeeper/media/gluetun.env"), "VPN_PASSWORD=" + Stacks.SECRET + "\n");

    String text = importStack("media", Set.of());
    DesiredState imported = DesiredStateParser.parse("imported.yaml", text);

    assertThat(imported.containers().keySet()).containsExactly("gluetun", "prowlarr", "qbittorrent", "sonarr");
    assertThat(harness.plan(imported, PlannerOptions.DEFAULT).actions()).extracting(Action::describe).isEmpty();
  }

  @Test
  void secretLookingValuesAreNeverPrintedButNamedWithTheirEnvFile() throws Exception {
    harness.apply(Stacks.media());

    String text = importStack("media", Set.of("gluetun"));

    assertThat(text).doesNotContain(Stacks.SECRET).contains("VPN_PASSWORD: values not printed")
        .contains("- /etc/podkeeper/media/gluetun.env").contains("VPN_PROVIDER: \"protonvpn\"");
  }

  @Test
  void aHandMadePairComesBackWithItsNamespaceAndWithoutTheImagesOrEnginesDefaults() throws Exception {
    harness.engine.withImage(IMAGE, WEB_IMAGE);
    harness.engine.runUnmanaged(ContainerSpec.builder("vpn", IMAGE, new NetworkAttachment.PodmanDefault())
        .ports(List.of(new PortMapping("0.0.0.0", 8080, 80, PortMapping.Protocol.TCP)))
        .env(Map.of("MODE", "on", "API_KEY", "k-123")).restart(RestartPolicy.NO).build(), Map.of("MODE", "on",
            "API_KEY", "k-123"));
    harness.engine.runUnmanaged(ContainerSpec.builder("app", IMAGE, new NetworkAttachment.ContainerNamespace("vpn"))
        .command(Optional.of(List.of("httpd", "-f"))).build(), Map.of());

    String text = importStack("home", Set.of("app"));
    DesiredState imported = DesiredStateParser.parse("imported.yaml", text);

    assertThat(imported.containers().keySet()).as("the provider comes along, first").containsExactly("vpn", "app");
    ContainerSpec vpn = imported.containers().get("vpn");
    ContainerSpec app = imported.containers().get("app");
    assertThat(app.network()).isEqualTo(new NetworkAttachment.ContainerNamespace("vpn"));
    assertThat(app.command()).contains(List.of("httpd", "-f"));
    assertThat(vpn.command()).as("the image's command").isEmpty();
    assertThat(vpn.env()).containsExactly(Map.entry("MODE", "on"));
    assertThat(vpn.envFiles()).containsExactly("/etc/podkeeper/home/vpn.env");
    assertThat(vpn.ports()).containsExactly(new PortMapping("127.0.0.1", 8080, 80, PortMapping.Protocol.TCP));
    assertThat(vpn.restart()).isEqualTo(RestartPolicy.NO);
    assertThat(vpn.labels()).as("the image's labels").isEmpty();
    assertThat(vpn.hostname()).isEmpty();
    assertThat(text).doesNotContain("k-123").contains("bound every interface; imported as 127.0.0.1");
  }

  @Test
  void theOutputIsTheSameOnEveryRun() throws Exception {
    harness.apply(Stacks.media());

    assertThat(importStack("media", Set.of())).isEqualTo(importStack("media", Set.of()));
  }

  @Test
  void containersOfAnotherStackAreLeftOutWithANote() throws Exception {
    harness.apply(Stacks.media());

    String text = importStack("other", Set.of());

    assertThat(DesiredStateParser.parse("imported.yaml", text).containers()).isEmpty();
    assertThat(text).contains("# prowlarr is left out: it belongs to podkeeper stack media");
  }

  private String importStack(String stack, Set<String> containers) {
    return new EngineImporter(harness.engine).importStack(stack, false, containers, "/etc/podkeeper/" + stack);
  }
}
