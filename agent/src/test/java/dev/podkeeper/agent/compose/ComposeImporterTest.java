package dev.podkeeper.agent.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.EnvValue;
import dev.podkeeper.model.desired.HealthCheck;
import dev.podkeeper.model.desired.NetworkAttachment;
import dev.podkeeper.model.desired.RestartPolicy;
import dev.podkeeper.model.parse.DesiredStateParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each compose mapping, read back through the real parser and validator. */
class ComposeImporterTest {
  private static final Path BASE = Path.of("/srv/compose");

  @Test
  void importsTheSeedShapedStackAsAValidFileInTheComposeOrder() throws Exception {
    String yaml = ComposeImporter.convert(resource("seed-stack.yaml"), BASE, Optional.empty(), false);
    DesiredState state = DesiredStateParser.parse("imported.yaml", yaml);

    assertThat(state.stack()).isEqualTo("hwc-server");
    assertThat(state.containers()).containsOnlyKeys("gluetun", "qbittorrent", "sabnzbd", "prowlarr", "sonarr");
    assertThat(List.copyOf(state.containers().keySet()))
        .containsExactly("gluetun", "qbittorrent", "sabnzbd", "prowlarr", "sonarr");
    assertThat(state.networks().get("media-network").subnet()).contains("10.89.0.0/24");
    ContainerSpec gluetun = state.containers().get("gluetun");
    assertThat(gluetun.ports()).extracting(p -> p.hostIp() + ":" + p.hostPort() + ":" + p.containerPort())
        .containsExactly("127.0.0.1:8080:8080", "127.0.0.1:8081:8085");
    assertThat(gluetun.health()).contains(new HealthCheck(
        List.of("CMD-SHELL", "wget -q -O- http://127.0.0.1:9999 || exit 1"),
        Duration.ofSeconds(10), Duration.ofSeconds(5), 3, Duration.ofSeconds(30)));
    assertThat(gluetun.envFiles()).containsExactly("/opt/downloads/.env");
    assertThat(gluetun.capAdd()).containsExactly("NET_ADMIN", "SYS_MODULE");
    assertThat(gluetun.restart()).isEqualTo(RestartPolicy.UNLESS_STOPPED);
    assertThat(state.containers().get("qbittorrent").network())
        .isEqualTo(new NetworkAttachment.ContainerNamespace("gluetun"));
    assertThat(state.containers().get("sabnzbd").network())
        .isEqualTo(new NetworkAttachment.ContainerNamespace("gluetun"));
    assertThat(state.containers().get("qbittorrent").dependsOn()).containsExactly("gluetun");
    ContainerSpec sonarr = state.containers().get("sonarr");
    assertThat(sonarr.memoryBytes()).contains(2L << 30);
    assertThat(sonarr.cpus()).contains(1.0);
    assertThat(sonarr.dependsOn()).containsExactly("prowlarr");
    assertThat(yaml).contains("\"127.0.0.1:8989:8989\"  # was \"0.0.0.0:8989:8989\" (every interface)");
  }

  @Test
  void portsOnEveryInterfaceMoveToLoopbackAndOthersKeepTheirAddress() throws Exception {
    DesiredState state = importService("""
        image: localhost/a:1
        ports: ["80", "8080:80", "0.0.0.0:8443:443", "[::]:9000:9000", "::1:9001:9001", "7000-7001:7000-7001/udp",
                "192.168.1.13:5353:53/udp", {target: 81, published: "8081", host_ip: 0.0.0.0, protocol: tcp}]
        """);
    ContainerSpec a = state.containers().get("a");
    assertThat(a.ports()).extracting(p -> p.hostIp() + " " + p.hostPort() + ":" + p.containerPort() + "/"
        + p.protocol().name().toLowerCase()).containsExactly("127.0.0.1 80:80/tcp", "127.0.0.1 8080:80/tcp",
        "127.0.0.1 8443:443/tcp", "::1 9000:9000/tcp", "::1 9001:9001/tcp", "127.0.0.1 7000:7000/udp",
        "127.0.0.1 7001:7001/udp", "192.168.1.13 5353:53/udp", "127.0.0.1 8081:81/tcp");
    assertThat(a.lanAccess()).isTrue();
  }

  @Test
  void networkModeOfServiceOrContainerNameBecomesContainerMode() throws Exception {
    DesiredState state = importServices("""
        vpn: { image: localhost/vpn:1, container_name: wg }
        a: { image: localhost/a:1, network_mode: "service:vpn" }
        b: { image: localhost/b:1, network_mode: "container:wg", ports: ["80:80"] }
        """);
    assertThat(state.containers().get("a").network()).isEqualTo(new NetworkAttachment.ContainerNamespace("vpn"));
    assertThat(state.containers().get("b").network()).isEqualTo(new NetworkAttachment.ContainerNamespace("vpn"));
    assertThat(state.containers().get("b").ports()).isEmpty();
  }

  @Test
  void hostNetworkingIsACommentNotAnError() throws Exception {
    String yaml = convert("services:\n  a: { image: localhost/a:1, network_mode: host }\n");
    assertThat(yaml).contains("# network_mode: host is not offered");
    assertThat(DesiredStateParser.parse("x.yaml", yaml).containers().get("a").network())
        .isInstanceOf(NetworkAttachment.PodmanDefault.class);
  }

  @Test
  void servicesWithoutNetworksShareTheProjectNetwork() throws Exception {
    DesiredState state = importServices("""
        a: { image: localhost/a:1 }
        b: { image: localhost/b:1, depends_on: [a] }
        """);
    assertThat(state.networks()).containsOnlyKeys("demo-default");
    assertThat(state.containers().get("b").network()).isEqualTo(new NetworkAttachment.Bridge("demo-default"));
  }

  @Test
  void dependsOnInBothFormsAndTheHealthWaitIsPodkeepersOwn() throws Exception {
    String yaml = convert("""
        services:
          db: { image: localhost/db:1, healthcheck: { test: ["CMD", "true"] } }
          cache: { image: localhost/cache:1 }
          init: { image: localhost/init:1 }
          app:
            image: localhost/app:1
            depends_on:
              db: { condition: service_healthy }
              cache: { condition: service_healthy }
              init: { condition: service_completed_successfully }
        """);
    assertThat(DesiredStateParser.parse("x.yaml", yaml).containers().get("app").dependsOn())
        .containsExactly("db", "cache");
    assertThat(yaml).contains("cache has no healthcheck: it is awaited until running")
        .contains("service_healthy needs no key: db is awaited until healthy")
        .contains("init (service_completed_successfully) is not offered");
  }

  @Test
  void volumesBindNamedRelativeAndLongForm() throws Exception {
    DesiredState state = importService("""
        image: localhost/a:1
        volumes:
          - ./config:/config
          - data:/data:ro
          - /srv/media:/media:rw,z
          - /anonymous
          - { type: bind, source: /srv/x, target: /x, read_only: true }
          - { type: tmpfs, target: /tmp }
        """);
    assertThat(state.containers().get("a").volumes()).extracting(Object::toString).hasSize(4);
    String yaml = convert("services:\n  a:\n    image: localhost/a:1\n    volumes: [./config:/config, /anon]\n");
    assertThat(yaml).contains("/srv/compose/config:/config  # was ./config, relative to the compose file")
        .contains("an anonymous volume) has no counterpart");
  }

  @Test
  void environmentAsListOrMapAndSecretsNeverPrinted() throws Exception {
    String yaml = convert("""
        services:
          a:
            image: localhost/a:1
            environment: [TZ=Etc/UTC, "VPN_PASSWORD=hunter2", FROM_SHELL]
          b:
            image: localhost/b:1
            environment: { PUID: 1000, API_KEY: s3cr3t }
        """);
    assertThat(yaml).doesNotContain("hunter2").doesNotContain("s3cr3t");
    DesiredState state = DesiredStateParser.parse("x.yaml", yaml);
    assertThat(state.containers().get("a").env()).containsExactly(Map.entry("TZ", "Etc/UTC"));
    assertThat(state.containers().get("b").env()).containsExactly(Map.entry("PUID", "1000"));
    assertThat(state.containers().get("a").envFiles()).containsExactly("a-secrets");
    assertThat(state.envFiles().get("a-secrets").values().get("VPN_PASSWORD"))
        .isEqualTo(new EnvValue.FromFile(Path.of("/etc/podkeeper/demo/secrets/a/VPN_PASSWORD")));
    assertThat(yaml).contains("FROM_SHELL comes from the shell's environment");

    String included = ComposeImporter.convert("services:\n  b: { image: x/b:1, environment: { API_KEY: s3cr3t } }\n",
        BASE, Optional.of("demo"), true);
    assertThat(DesiredStateParser.parse("x.yaml", included).envFiles().get("b-secrets").values().get("API_KEY"))
        .isEqualTo(new EnvValue.Literal("s3cr3t"));
  }

  @Test
  void healthcheckForms() throws Exception {
    DesiredState state = importServices("""
        a: { image: x/a:1, healthcheck: { test: "curl -f http://localhost || exit 1", interval: 1m30s, timeout: 1.5s } }
        b: { image: x/b:1, healthcheck: { test: ["CMD", "true"], retries: 5, start_period: 1h } }
        c: { image: x/c:1, healthcheck: { disable: true } }
        """);
    HealthCheck a = state.containers().get("a").health().orElseThrow();
    assertThat(a.test()).containsExactly("CMD-SHELL", "curl -f http://localhost || exit 1");
    assertThat(a.interval()).isEqualTo(Duration.ofSeconds(90));
    assertThat(a.timeout()).isEqualTo(Duration.ofMillis(1500));
    HealthCheck b = state.containers().get("b").health().orElseThrow();
    assertThat(b.retries()).isEqualTo(5);
    assertThat(b.startPeriod()).isEqualTo(Duration.ofHours(1));
    assertThat(state.containers().get("c").health()).isEmpty();
  }

  @Test
  void restartLimitsCapabilitiesDevicesUserCommandEntrypoint() throws Exception {
    DesiredState state = importService("""
        image: x/a:1
        restart: on-failure:3
        mem_limit: 512M
        cap_add: [NET_ADMIN]
        cap_drop: [ALL]
        devices: ["/dev/net/tun:/dev/net/tun"]
        user: "1000:1000"
        command: sleep 'a b'
        entrypoint: ["/bin/sh", "-c"]
        stop_grace_period: 30s
        build: .
        logging: { driver: json-file }
        """);
    ContainerSpec a = state.containers().get("a");
    assertThat(a.restart()).isEqualTo(RestartPolicy.ON_FAILURE);
    assertThat(a.memoryBytes()).contains(512L << 20);
    assertThat(a.capAdd()).containsExactly("NET_ADMIN");
    assertThat(a.capDrop()).containsExactly("ALL");
    assertThat(a.devices()).hasSize(1);
    assertThat(a.user()).contains("1000:1000");
    assertThat(a.command()).contains(List.of("sleep", "a b"));
    assertThat(a.entrypoint()).contains(List.of("/bin/sh", "-c"));
    assertThat(a.stopTimeout()).contains(Duration.ofSeconds(30));
    String yaml = convert("services:\n  a: { image: x/a:1, logging: { driver: json-file } }\n");
    assertThat(yaml).contains("# logging: {\"driver\":\"json-file\"}: no counterpart in podkeeper, left out");
  }

  @Test
  void aLimitGivenTwiceIsWrittenOnce() throws Exception {
    String yaml = convert("""
        services:
          a:
            image: x/a:1
            mem_limit: 1g
            deploy: { resources: { limits: { memory: 512m, cpus: "0.5" } } }
        """);
    ContainerSpec a = DesiredStateParser.parse("x.yaml", yaml).containers().get("a");
    assertThat(a.memoryBytes()).contains(1L << 30);
    assertThat(a.cpus()).contains(0.5);
    assertThat(yaml).contains("# services.a.deploy.resources.limits.memory left out: memory is set above already");
  }

  @Test
  void aFileThatIsNoComposeFileIsAnError() {
    assertThatThrownBy(() -> convert("just text")).isInstanceOf(ComposeImportException.class);
    assertThatThrownBy(() -> convert("services: {}")).hasMessageContaining("no services");
    assertThatThrownBy(() -> convert("services:\n  a: { image: x, ports: [\"x:80\"] }"))
        .hasMessageContaining("services.a.ports");
    assertThatThrownBy(() -> convert("services:\n  a: { image: x, network_mode: \"service:nope\" }"))
        .hasMessageContaining("names no service");
    assertThatThrownBy(() -> convert("x: &c { image: x }\nservices:\n  a: { <<: *c }"))
        .hasMessageContaining("merge key");
  }

  private static DesiredState importService(String service) throws Exception {
    return importServices("a:\n" + service.indent(2));
  }

  private static DesiredState importServices(String services) throws Exception {
    return DesiredStateParser.parse("imported.yaml", convert("services:\n" + services.indent(2)));
  }

  private static String convert(String compose) throws ComposeImportException {
    return ComposeImporter.convert(compose, BASE, Optional.of("demo"), false);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = ComposeImporterTest.class.getResourceAsStream("/compose/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
