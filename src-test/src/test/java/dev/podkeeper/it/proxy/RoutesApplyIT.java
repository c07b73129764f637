package dev.podkeeper.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podkeeper.it.AgentCommand;
import dev.podkeeper.it.PodmanEngineFixture;
import dev.podkeeper.model.testing.LoopbackPorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code podkeeper apply} with routes, end to end: containers on a private engine, a Caddy of the test's own, and
 * requests through Caddy to each app in the seed's three modes (a kept prefix, a prefix stripped on a namespace
 * member reached through its provider's port, a listener of its own), a WebSocket echoed by a container; 502
 * while a container is down; the routes
 * back after Caddy restarts, at the next apply, and under {@code podkeeper run} within one resync.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RoutesApplyIT {
  private static final PodmanEngineFixture.Engine ENGINE = PodmanEngineFixture.get();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir
  static Path dir;

  private static CaddyFixture caddy;
  private static String stack;
  private static String vpn;
  private static String web;
  private static String svc;
  private static String ws;
  private static String network;
  private static String site;
  private static String portMode;
  private static Path file;

  @BeforeAll
  static void startCaddyAndWriteTheFile() throws Exception {
    caddy = CaddyFixture.start("routes-apply", false);
    stack = ENGINE.uniqueName("routes").toLowerCase();
    vpn = stack + "-vpn";
    web = stack + "-web";
    svc = stack + "-svc";
    ws = stack + "-ws";
    network = stack + "-net";
    site = LoopbackPorts.freeAddress();
    portMode = LoopbackPorts.freeAddress();
    file = dir.resolve("stack.yaml");
    Files.writeString(file, stackFile());
  }

  @AfterAll
  static void removeWhatTheTestMade() {
    for (String name : List.of(web, vpn, svc, ws)) {
      ENGINE.podmanQuietly("rm", "-f", "-t", "0", name);
    }
    ENGINE.podmanQuietly("network", "rm", "-f", network);
    caddy.close();
  }

  @Test
  @Order(0)
  void planShowsTheRouteActionsAndChangesNothing() throws Exception {
    AgentCommand plan = AgentCommand.run(dir.resolve("plan.log"), "plan", file, ENGINE.socket());

    assertThat(plan.exitCode()).as(plan.output()).isZero();
    assertThat(plan.output()).contains("site-add main", "route-add /svc", "route-add /web", "route-add /ws");
    assertThat(caddy.admin("GET", "/config/apps/http/servers", null)).doesNotContain("podkeeper.");
  }

  @Test
  @Order(1)
  void oneApplyStartsTheContainersAndTheirRoutesServeEachApp() throws Exception {
    AgentCommand apply = apply();

    assertThat(apply.exitCode()).as(apply.output()).isZero();
    assertThat(apply.output()).contains("action=route-add target=/svc cause=missing outcome=ok",
        "action=route-add target=/web cause=missing outcome=ok",
        "action=route-add target=/ws cause=missing outcome=ok",
        "action=route-add target=" + portMode + " cause=missing outcome=ok");
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
      assertThat(get(site, "/svc/").body()).isEqualTo("svc under its prefix\n");
      assertThat(get(site, "/web/").body()).isEqualTo("web at its root\n");
      assertThat(get(portMode, "/").body()).isEqualTo("svc at its root\n");
    });
    assertThat(get(caddy.userListener(), "/").body()).isEqualTo(CaddyFixture.USER_BODY);
  }

  @Test
  @Order(2)
  void aWebSocketUpgradeReachesItsContainerAndCarriesBytesBothWays() throws Exception {
    WebSocketProbe.Exchange exchange = await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
        .until(() -> WebSocketProbe.exchange(site, "/ws/echo", "ping through caddy to a container"),
            e -> e.head().startsWith("HTTP/1.1 101"));

    assertThat(exchange.head()).contains(WebSocketProbe.EXPECTED_ACCEPT);
    assertThat(exchange.echoed()).isEqualTo("ping through caddy to a container");
  }

  @Test
  @Order(3)
  void aSecondApplyChangesNoRoute() throws Exception {
    AgentCommand apply = apply();

    assertThat(apply.exitCode()).as(apply.output()).isZero();
    assertThat(apply.output()).doesNotContain("action=route-", "action=site-");
  }

  @Test
  @Order(4)
  void aStoppedContainerGives502AndKeepsItsRoute() throws Exception {
    ENGINE.podman("stop", "-t", "0", svc);

    assertThat(get(site, "/svc/").statusCode()).isEqualTo(502);

    AgentCommand apply = apply();
    assertThat(apply.exitCode()).as(apply.output()).isZero();
    assertThat(apply.output()).contains("action=start-container target=" + svc).doesNotContain("action=route-");
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
        .untilAsserted(() -> assertThat(get(site, "/svc/").body()).isEqualTo("svc under its prefix\n"));
  }

  @Test
  @Order(5)
  void afterCaddyRestartsTheNextApplyPutsEveryRouteBack() throws Exception {
    caddy.restart();

    AgentCommand apply = apply();

    assertThat(apply.exitCode()).as(apply.output()).isZero();
    assertThat(apply.output()).contains("action=site-add target=main cause=missing outcome=ok",
        "action=route-add target=/svc cause=missing outcome=ok");
    assertThat(get(site, "/web/").body()).isEqualTo("web at its root\n");
    assertThat(get(portMode, "/").body()).isEqualTo("svc at its root\n");
    assertThat(get(caddy.userListener(), "/").body()).isEqualTo(CaddyFixture.USER_BODY);
  }

  /** The agent's resync, not a command of the test's, puts them back: within one interval (and a pass). */
  @Test
  @Order(6)
  void underTheRunningAgentARestartedCaddyGetsEveryRouteBackWithinOneResync() throws Exception {
    try (AgentCommand run = AgentCommand.start(dir.resolve("run.log"), "run", file, ENGINE.socket(),
        "--resync", "3s", "--status-socket", dir.resolve("run-status.sock").toString())) {
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(run.output()).contains("converged"));
      assertThat(get(site, "/svc/").body()).isEqualTo("svc under its prefix\n");

      caddy.restart();
      assertThat(caddy.admin("GET", "/config/apps/http/servers", null)).doesNotContain("podkeeper.");
      long restarted = System.nanoTime();

      await().atMost(Duration.ofSeconds(3 + 10)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
          .untilAsserted(() -> {
            assertThat(get(site, "/svc/").body()).isEqualTo("svc under its prefix\n");
            assertThat(get(site, "/web/").body()).isEqualTo("web at its root\n");
            assertThat(get(portMode, "/").body()).isEqualTo("svc at its root\n");
          });
      System.out.printf("routes back %d ms after the restart (resync 3 s)%n", (System.nanoTime() - restarted) / 1_000_000);
      assertThat(run.output()).contains("route-add", "trigger=resync");
      assertThat(get(caddy.userListener(), "/").body()).isEqualTo(CaddyFixture.USER_BODY);
    }
  }

  private static AgentCommand apply() throws Exception {
    return AgentCommand.run(dir.resolve("apply.log"), "apply", file, ENGINE.socket());
  }

  private static HttpResponse<String> get(String listener, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + listener + path)).timeout(Duration.ofSeconds(10))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A shell script for the test image: busybox's nc serving the handshake script to each connection. */
  private static String webSocketEchoServer(int port) {
    String handshake;
    try (InputStream in = RoutesApplyIT.class.getResourceAsStream("/websocket-echo-handshake.sh")) {
      handshake = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "cat > /tmp/handshake <<'END'\n" + handshake + "END\nchmod +x /tmp/handshake\n"
        + "trap 'exit 0' TERM\nnc -ll -p " + port + " -e /tmp/handshake & wait\n";
  }

  private static String indented(String text, int spaces) {
    return text.lines().map(l -> " ".repeat(spaces) + l + "\n").collect(Collectors.joining());
  }

  private static String stackFile() {
    String serve = "[\"sh\", \"-c\", \"mkdir -p /tmp/w/svc; echo %s at its root > /tmp/w/index.html; "
        + "echo %s under its prefix > /tmp/w/svc/index.html; trap 'exit 0' TERM; httpd -f -p %d -h /tmp/w & wait\"]";
    int vpnPort = ENGINE.freeLoopbackPort();
    int svcPort = ENGINE.freeLoopbackPort();
    return "version: 1\nstack: " + stack + "\n"
        + "proxy:\n  caddy: " + caddy.endpoint() + "\n  sites:\n    main: { listen: [\"" + site + "\"] }\n"
        + "networks:\n  " + network + ": { subnet: " + ENGINE.randomSubnet() + " }\n"
        + "containers:\n"
        + "  " + vpn + ":\n    image: " + ENGINE.image() + "\n    pull: never\n    network: " + network + "\n"
        + "    ports: [127.0.0.1:" + vpnPort + ":8080]\n"
        + "    command: [\"sh\", \"-c\", \"trap 'exit 0' TERM; sleep 100000 & wait\"]\n"
        + "  " + web + ":\n    image: " + ENGINE.image() + "\n    pull: never\n    network: \"container:" + vpn + "\"\n"
        + "    command: " + String.format(serve, "web", "web", 8080) + "\n"
        + "    routes: [{ path: /web, stripPrefix: true }]\n"
        + "  " + svc + ":\n    image: " + ENGINE.image() + "\n    pull: never\n    network: " + network + "\n"
        + "    ports: [127.0.0.1:" + svcPort + ":80]\n"
        + "    command: " + String.format(serve, "svc", "svc", 80) + "\n"
        + "    routes: [{ path: /svc }, { listen: \"" + portMode + "\" }]\n"
        + "  " + ws + ":\n    image: " + ENGINE.image() + "\n    pull: never\n    network: " + network + "\n"
        + "    ports: [127.0.0.1:" + ENGINE.freeLoopbackPort() + ":8081]\n"
        + "    command:\n      - sh\n      - -c\n      - |\n" + indented(webSocketEchoServer(8081), 8)
        + "    routes: [{ path: /ws }]\n";
  }
}
