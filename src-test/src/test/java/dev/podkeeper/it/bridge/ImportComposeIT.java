package dev.podkeeper.it.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podkeeper.it.AgentCommand;
import dev.podkeeper.it.CliRun;
import dev.podkeeper.it.LoopbackHttp;
import dev.podkeeper.it.PodmanEngineFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import compose} of a compose file shaped like the seed's stack (a VPN provider with a health check, two
 * members in its namespace by {@code service:} and {@code container:}, bare ports, a network with an IPAM subnet,
 * {@code depends_on} with {@code service_healthy}), then {@code apply} of the output on a private engine: it
 * converges, the members serve on the provider's loopback ports, and a second plan has nothing to do.
 */
class ImportComposeIT {
  private static final PodmanEngineFixture.Engine ENGINE = PodmanEngineFixture.get();

  @TempDir
  static Path dir;

  private static String stack;
  private static String network;
  private static int torrentPort;
  private static int usenetPort;
  private static int appPort;

  @BeforeAll
  static void names() {
    stack = ENGINE.uniqueName("compose").toLowerCase();
    network = stack + "-media";
    torrentPort = ENGINE.freeLoopbackPort();
    usenetPort = ENGINE.freeLoopbackPort();
    appPort = ENGINE.freeLoopbackPort();
  }

  @AfterAll
  static void removeWhatTheTestMade() {
    for (String name : List.of("torrent", "usenet", "vpn", "app")) {
      ENGINE.podmanQuietly("rm", "-f", "-t", "0", stack + "-" + name);
    }
    ENGINE.podmanQuietly("network", "rm", "-f", network);
  }

  @Test
  void theImportedSeedShapedStackConvergesAndServes() throws Exception {
    Path compose = dir.resolve("compose.yaml");
    Files.writeString(compose, composeFile());

    CliRun imported = CliRun.of("import", "compose", compose.toString(), "--stack", stack);
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    assertThat(imported.out()).contains("# was \"" + torrentPort + ":8080\" (every interface)");
    Path file = dir.resolve("stack.yaml");
    Files.writeString(file, imported.out());

    AgentCommand apply = AgentCommand.run(dir.resolve("apply.log"), "apply", file, ENGINE.socket());
    assertThat(apply.exitCode()).as(apply.output()).isZero();

    String vpn = stack + "-vpn";
    String vpnId = ENGINE.podman("inspect", "-f", "{{.Id}}", vpn).strip();
    for (String member : List.of("torrent", "usenet")) {
      assertThat(ENGINE.podman("inspect", "-f", "{{.HostConfig.NetworkMode}}", stack + "-" + member).strip())
          .isEqualTo("container:" + vpnId);
    }
    assertThat(ENGINE.podman("inspect", "-f", "{{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}", vpn)
        .strip()).isEqualTo(network);
    await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
      assertThat(LoopbackHttp.get(torrentPort)).isEqualTo("torrent\n");
      assertThat(LoopbackHttp.get(usenetPort)).isEqualTo("usenet\n");
      assertThat(LoopbackHttp.get(appPort)).isEqualTo("app\n");
    });

    AgentCommand plan = AgentCommand.run(dir.resolve("plan.log"), "plan", file, ENGINE.socket(), "--detailed-exitcode");
    assertThat(plan.exitCode()).as(plan.output()).isZero();
  }

  /** Service names carry the stack's unique prefix: container names are the engine's, shared with other tests. */
  private static String composeFile() {
    String vpn = stack + "-vpn";
    return """
        services:
          %1$s:
            image: %2$s
            pull_policy: never
            cap_add: [NET_ADMIN]
            networks: [%3$s]
            ports:
              - "%4$d:8080"
              - "0.0.0.0:%5$d:8085"
            command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]
            healthcheck:
              test: ["CMD-SHELL", "true"]
              interval: 2s
              retries: 3
            stop_grace_period: 2s
            restart: unless-stopped
          %6$s-torrent:
            image: %2$s
            pull_policy: never
            network_mode: "service:%1$s"
            depends_on:
              %1$s: { condition: service_healthy }
            command: %7$s
          %6$s-usenet:
            image: %2$s
            pull_policy: never
            network_mode: "container:%1$s"
            command: %8$s
          %6$s-app:
            image: %2$s
            pull_policy: never
            networks: [%3$s]
            ports: ["%9$d:80"]
            depends_on: [%1$s]
            environment: [TZ=Etc/UTC]
            volumes: ["./app-config:/config"]
            command: %10$s
            logging: { driver: k8s-file }
        networks:
          %3$s:
            driver: bridge
            ipam:
              config:
                - subnet: %11$s
        """.formatted(vpn, ENGINE.image(), network, torrentPort, usenetPort, stack,
        LoopbackHttp.serveCommand("torrent", 8080), LoopbackHttp.serveCommand("usenet", 8085), appPort,
        LoopbackHttp.serveCommand("app", 80), ENGINE.randomSubnet());
  }
}
