package dev.podkeeper.model.parse;

import static dev.podkeeper.model.parse.Parsing.assertProblem;
import static dev.podkeeper.model.parse.Parsing.problems;
import static dev.podkeeper.model.parse.Parsing.valid;
import static dev.podkeeper.model.parse.Parsing.withHeader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.Defaults;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.DeviceMapping;
import dev.podkeeper.model.desired.DirectorySpec;
import dev.podkeeper.model.desired.EnvFileSpec;
import dev.podkeeper.model.desired.EnvValue;
import dev.podkeeper.model.desired.FileMode;
import dev.podkeeper.model.desired.HealthCheck;
import dev.podkeeper.model.desired.NetworkAttachment;
import dev.podkeeper.model.desired.NetworkSpec;
import dev.podkeeper.model.desired.Ownership;
import dev.podkeeper.model.desired.PortMapping;
import dev.podkeeper.model.desired.PortMapping.Protocol;
import dev.podkeeper.model.desired.PullPolicy;
import dev.podkeeper.model.desired.RestartPolicy;
import dev.podkeeper.model.desired.UnitSpec;
import dev.podkeeper.model.desired.UnitSpec.UnitState;
import dev.podkeeper.model.desired.VolumeMount;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Whole files: every key into its field, the spec's own example, the shipped examples, many mistakes at once. */
class FullFileTest {

  @Test
  void everyKeyOfTheFormatBindsToItsField() {
    DesiredState state = valid("""
        version: 1
        stack: media
        defaults:
          owner: "0:100"
          mode: "0750"
          env: { TZ: Europe/Amsterdam, PUID: 1000 }
        networks:
          media: { subnet: 10.89.0.0/24, gateway: 10.89.0.1, dns: false }
          plain:
        directories:
          - path: /srv/media
          - path: /srv/media/scripts
            owner: "0:0"
            mode: "0700"
        envFiles:
          vpn:
            path: /srv/media/vpn.env
            mode: "0640"
            values:
              PROVIDER: protonvpn
              PORT: 1194
              PASSWORD: { fromFile: /run/secrets/vpn }
        units:
          jellyfin.service: { state: inactive, enabled: false }
          caddy.service:
        containers:
          vpn:
            image: docker.io/qmcgaw/gluetun:v3.40.0
            pull: always
            network: media
            aliases: [gateway]
            ports: ["127.0.0.1:8080:80", "[::1]:5353:53/udp", "192.168.1.13:443:443/tcp"]
            volumes: [/srv/media/vpn:/gluetun, cache:/cache:ro, /srv/media/x:/x:rw]
            capAdd: [NET_ADMIN]
            capDrop: [ALL]
            devices: [/dev/net/tun, "/dev/dri:/dev/dri0", "/dev/fuse:/dev/fuse:rw"]
            privileged: true
            envFiles: [vpn, /etc/extra.env]
            env: { DEBUG: true }
            health:
              test: wget -q -O- http://127.0.0.1:9999
              interval: 10s
              timeout: 500ms
              retries: 5
              startPeriod: 1m
            dependsOn: [db]
            requiresUnits: [caddy.service]
            memory: 512m
            cpus: 1.5
            command: --config "/app/my config.yml" --verbose
            entrypoint: [/init, --]
            user: "1000:1000"
            workdir: /app
            hostname: vpn-box
            labels: { team: media, tier: "1" }
            restart: on-failure
            stopTimeout: 1h
            lanAccess: true
          db:
            image: postgres:16
            network: plain
          member:
            image: busybox:1
            network: container:vpn
        """);

    ContainerSpec vpn = ContainerSpec.builder("vpn", "docker.io/qmcgaw/gluetun:v3.40.0",
            new NetworkAttachment.Bridge("media"))
        .pull(PullPolicy.ALWAYS)
        .aliases(List.of("gateway"))
        .ports(List.of(new PortMapping("127.0.0.1", 8080, 80, Protocol.TCP), new PortMapping("::1", 5353, 53, Protocol.UDP),
            new PortMapping("192.168.1.13", 443, 443, Protocol.TCP)))
        .volumes(List.of(new VolumeMount("/srv/media/vpn", "/gluetun", false), new VolumeMount("cache", "/cache", true),
            new VolumeMount("/srv/media/x", "/x", false)))
        .capAdd(List.of("NET_ADMIN"))
        .capDrop(List.of("ALL"))
        .devices(List.of(new DeviceMapping("/dev/net/tun", "/dev/net/tun", "rwm"),
            new DeviceMapping("/dev/dri", "/dev/dri0", "rwm"), new DeviceMapping("/dev/fuse", "/dev/fuse", "rw")))
        .privileged(true)
        .envFiles(List.of("vpn", "/etc/extra.env"))
        .env(Map.of("DEBUG", "true"))
        .health(Optional.of(new HealthCheck(List.of("CMD-SHELL", "wget -q -O- http://127.0.0.1:9999"),
            Duration.ofSeconds(10), Duration.ofMillis(500), 5, Duration.ofMinutes(1))))
        .dependsOn(List.of("db"))
        .requiresUnits(List.of("caddy.service"))
        .memoryBytes(Optional.of(512L << 20))
        .cpus(Optional.of(1.5))
        .command(Optional.of(List.of("--config", "/app/my config.yml", "--verbose")))
        .entrypoint(Optional.of(List.of("/init", "--")))
        .user(Optional.of("1000:1000"))
        .workdir(Optional.of("/app"))
        .hostname(Optional.of("vpn-box"))
        .labels(ordered("team", "media", "tier", "1"))
        .restart(RestartPolicy.ON_FAILURE)
        .stopTimeout(Optional.of(Duration.ofHours(1)))
        .lanAccess(true)
        .build();
    ContainerSpec db = ContainerSpec.builder("db", "postgres:16", new NetworkAttachment.Bridge("plain")).build();
    ContainerSpec member = ContainerSpec.builder("member", "busybox:1", new NetworkAttachment.ContainerNamespace("vpn"))
        .build();
    DesiredState expected = new DesiredState(Path.of(Parsing.FILE), "media",
        new Defaults(new Ownership(0, 100), new FileMode(0750), ordered("TZ", "Europe/Amsterdam", "PUID", "1000")),
        Map.of("media", new NetworkSpec("media", Optional.of("10.89.0.0/24"), Optional.of("10.89.0.1"), false),
            "plain", new NetworkSpec("plain", Optional.empty(), Optional.empty(), true)),
        List.of(new DirectorySpec(Path.of("/srv/media"), Optional.empty(), Optional.empty()),
            new DirectorySpec(Path.of("/srv/media/scripts"), Optional.of(new Ownership(0, 0)), Optional.of(new FileMode(0700)))),
        Map.of("vpn", new EnvFileSpec("vpn", Path.of("/srv/media/vpn.env"), new FileMode(0640), ordered(
            "PROVIDER", new EnvValue.Literal("protonvpn"), "PORT", new EnvValue.Literal("1194"),
            "PASSWORD", new EnvValue.FromFile(Path.of("/run/secrets/vpn"))))),
        Map.of("jellyfin.service", new UnitSpec("jellyfin.service", UnitState.INACTIVE, Optional.of(false)),
            "caddy.service", new UnitSpec("caddy.service", UnitState.ACTIVE, Optional.empty())),
        Map.of("vpn", vpn, "db", db, "member", member));

    assertThat(state).isEqualTo(expected);
    assertThat(state.containers().keySet()).containsExactly("vpn", "db", "member");
    assertThat(state.envFiles().get("vpn").values().keySet()).containsExactly("PROVIDER", "PORT", "PASSWORD");
  }

  @Test
  void keysLeftOutTakeTheFormatsDefaults() {
    DesiredState state = valid(withHeader(
        "networks: { n: }",
        "envFiles: { e: { path: /e.env } }",
        "units: { u.service: {} }",
        "containers:",
        "  a:",
        "    image: i",
        "    network: n",
        "    health: { test: [CMD, /bin/true] }"));
    assertThat(state.defaults()).isEqualTo(new Defaults(new Ownership(1000, 1000), new FileMode(0755), Map.of()));
    assertThat(state.networks().get("n").dns()).isTrue();
    assertThat(state.envFiles().get("e").mode()).isEqualTo(new FileMode(0600));
    assertThat(state.units().get("u.service")).isEqualTo(new UnitSpec("u.service", UnitState.ACTIVE, Optional.empty()));
    ContainerSpec a = state.containers().get("a");
    assertThat(a).isEqualTo(ContainerSpec.builder("a", "i", new NetworkAttachment.Bridge("n"))
        .health(Optional.of(new HealthCheck(List.of("CMD", "/bin/true"), Duration.ofSeconds(30), Duration.ofSeconds(30),
            3, Duration.ZERO)))
        .build());
    assertThat(a.pull()).isEqualTo(PullPolicy.MISSING);
    assertThat(a.restart()).isEqualTo(RestartPolicy.UNLESS_STOPPED);
    assertThat(a.stopTimeout()).isEmpty();
  }

  @Test
  void theSpecsOwnExampleHasOneProblemItsSonarrDependsOnAProwlarrItDoesNotDeclare() throws Exception {
    Path example = resource("spec-example.yaml");
    assertThatThrownBy(() -> DesiredStateParser.parse(example))
        .isInstanceOfSatisfying(InvalidDesiredStateException.class, e -> assertThat(e.problems())
            .containsExactly(new Problem(example.toString(), 69, 17, "refs.unknown",
                "dependsOn names \"prowlarr\", which is not a container of this file")));
  }

  @Test
  void theSpecsOwnExampleWithProwlarrAddedParsesIntoWhatItDescribes() throws Exception {
    DesiredState state = valid(Files.readString(resource("spec-example.yaml"))
        + "  prowlarr:\n    image: lscr.io/linuxserver/prowlarr:latest\n    network: media-network\n");

    assertThat(state.stack()).isEqualTo("hwc-server");
    assertThat(state.defaults()).isEqualTo(new Defaults(new Ownership(1000, 1000), new FileMode(0755),
        ordered("PUID", "1000", "PGID", "1000", "TZ", "Europe/Amsterdam")));
    assertThat(state.networks()).containsExactly(Map.entry("media-network",
        new NetworkSpec("media-network", Optional.of("10.89.0.0/24"), Optional.of("10.89.0.1"), true)));
    assertThat(state.directories()).containsExactly(
        new DirectorySpec(Path.of("/mnt/hot/downloads/incomplete"), Optional.empty(), Optional.empty()),
        new DirectorySpec(Path.of("/opt/downloads/scripts"), Optional.of(new Ownership(0, 0)), Optional.of(new FileMode(0750))));
    assertThat(state.envFiles().get("gluetun-vpn")).isEqualTo(new EnvFileSpec("gluetun-vpn", Path.of("/opt/downloads/.env"),
        new FileMode(0600), ordered("VPN_SERVICE_PROVIDER", new EnvValue.Literal("protonvpn"),
            "OPENVPN_USER", new EnvValue.FromFile(Path.of("/run/agenix/vpn-username")),
            "OPENVPN_PASSWORD", new EnvValue.FromFile(Path.of("/run/agenix/vpn-password")))));
    assertThat(state.units()).containsExactly(
        Map.entry("jellyfin.service", new UnitSpec("jellyfin.service", UnitState.ACTIVE, Optional.of(true))),
        Map.entry("caddy.service", new UnitSpec("caddy.service", UnitState.ACTIVE, Optional.empty())));
    assertThat(state.containers().keySet()).containsExactly("gluetun", "qbittorrent", "sonarr", "prowlarr");

    ContainerSpec gluetun = state.containers().get("gluetun");
    assertThat(gluetun.ports()).containsExactly(new PortMapping("127.0.0.1", 8080, 8080, Protocol.TCP),
        new PortMapping("127.0.0.1", 8081, 8085, Protocol.TCP));
    assertThat(gluetun.aliases()).containsExactly("vpn");
    assertThat(gluetun.capAdd()).containsExactly("NET_ADMIN", "SYS_MODULE");
    assertThat(gluetun.capDrop()).isEmpty();
    assertThat(gluetun.devices()).containsExactly(new DeviceMapping("/dev/net/tun", "/dev/net/tun", "rwm"));
    assertThat(gluetun.privileged()).isFalse();
    assertThat(gluetun.envFiles()).containsExactly("gluetun-vpn");
    assertThat(gluetun.env()).containsExactly(Map.entry("HEALTH_TARGET_ADDRESS", "1.1.1.1:443"));
    assertThat(gluetun.health()).contains(new HealthCheck(List.of("CMD-SHELL", "wget -q -O- http://127.0.0.1:9999 || exit 1"),
        Duration.ofSeconds(10), Duration.ofSeconds(5), 3, Duration.ofSeconds(30)));

    ContainerSpec qbittorrent = state.containers().get("qbittorrent");
    assertThat(qbittorrent.network()).isEqualTo(new NetworkAttachment.ContainerNamespace("gluetun"));
    assertThat(qbittorrent.volumes()).containsExactly(new VolumeMount("/opt/downloads/qbittorrent", "/config", false),
        new VolumeMount("/mnt/hot/downloads", "/downloads", false), new VolumeMount("/opt/downloads/scripts", "/scripts", true));

    ContainerSpec sonarr = state.containers().get("sonarr");
    assertThat(sonarr.dependsOn()).containsExactly("prowlarr");
    assertThat(sonarr.requiresUnits()).containsExactly("jellyfin.service");
    assertThat(sonarr.memoryBytes()).contains(2L << 30);
    assertThat(sonarr.cpus()).contains(1.0);
    assertThat(sonarr.command()).as("command: [] is the image's own").isEmpty();
  }

  @Test
  void theShippedExamplesAreValid() throws IOException {
    Path examples = Parsing.repositoryRoot().resolve("examples");
    try (var files = Files.list(examples)) {
      List<Path> yamls = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
      assertThat(yamls).extracting(f -> f.getFileName().toString()).contains("hwc-server.yaml");
      for (Path file : yamls) {
        try {
          assertThat(DesiredStateParser.parse(file).containers()).as(file.toString()).isNotEmpty();
        } catch (InvalidDesiredStateException e) {
          throw new AssertionError(file + " is not valid:\n" + e.getMessage(), e);
        }
      }
    }
  }

  @Test
  void aFileWithManyMistakesReportsThemAllInFileOrder() {
    List<Problem> problems = problems("""
        version: 2
        stack: Media
        defaults: { mode: "999" }
        networks:
          media: { subnet: 10.89.0.0/33 }
        directories:
          - path: srv/media
        containers:
          web:
            image: nginx
            network: medai
            ports: ["80:80", "127.0.0.1:8080:80"]
            volumes: [/srv/www:/usr/share/nginx/html:ro]
            dependsOn: [app]
            memroy: 1g
          app:
            network: container:web
            ports: ["127.0.0.1:8080:8080"]
            dependsOn: [web]
        """);
    assertThat(problems).extracting(p -> p.line() + ":" + p.column() + " " + p.rule()).containsExactly(
        "1:10 version",
        "2:8 stack.name",
        "3:19 mode",
        "5:20 networks.subnet",
        "7:11 path.absolute",
        "11:14 refs.unknown",
        "12:13 ports.host-ip",
        "14:17 deps.cycle",
        "15:5 keys.unknown",
        "16:3 keys.required",
        "18:5 network.member"); // one mistake, one error: the member's port is not also a duplicate
    assertProblem(problems.get(5), "refs.unknown", 11, 14, "network names \"medai\", which is not a network of this file "
        + "(did you mean \"media\"?)");
    assertProblem(problems.get(7), "deps.cycle", 14, 17, "dependency cycle: web -> app -> web");
    assertProblem(problems.get(8), "keys.unknown", 15, 5, "unknown key \"memroy\" in container \"web\" "
        + "(did you mean \"memory\"?)");
    assertProblem(problems.get(9), "keys.required", 16, 3, "container \"app\" has no image");
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(FullFileTest.class.getResource(name).toURI());
  }

  @SuppressWarnings("unchecked")
  private static <V> Map<String, V> ordered(Object... keysAndValues) {
    Map<String, V> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], (V) keysAndValues[i + 1]);
    }
    return map;
  }
}
