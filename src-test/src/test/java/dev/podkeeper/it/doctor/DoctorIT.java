package dev.podkeeper.it.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podkeeper.it.AgentCommand;
import dev.podkeeper.it.PodmanEngineFixture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code podkeeper doctor} on a private engine and the real host: passing on a healthy stack (a VPN-like
 * provider with a member, a service with a route, a directory and an env file from a secret), then finding
 * each broken case of the seed's troubleshooting guide: a member left in a dead namespace after {@code podman
 * restart} of its provider (no agent running), a port held by another process (named with its pid), a route
 * whose upstream refuses connections, and a container that exits 3 (with its log tail).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DoctorIT {
  private static final PodmanEngineFixture.Engine ENGINE = PodmanEngineFixture.get();
  private static final String SECRET = "s3cret-" + UUID.randomUUID();
  private static final String SERVE =
      "[\"sh\", \"-c\", \"echo %s > /tmp/index.html; trap 'exit 0' TERM; httpd -f -p %d -h /tmp & wait\"]";

  @TempDir
  static Path dir;

  private static String stack;
  private static String vpn;
  private static String web;
  private static String svc;
  private static String idle;
  private static String taken;
  private static String crash;
  private static String network;
  private static String subnet;
  private static int vpnPort;
  private static int svcPort;
  private static int idlePort;
  private static int takenPort;
  private static Process holder;

  @BeforeAll
  static void names() throws IOException {
    stack = ENGINE.uniqueName("doctor").toLowerCase();
    vpn = stack + "-vpn";
    web = stack + "-web";
    svc = stack + "-svc";
    idle = stack + "-idle";
    taken = stack + "-taken";
    crash = stack + "-crash";
    network = stack + "-net";
    subnet = ENGINE.randomSubnet();
    vpnPort = ENGINE.freeLoopbackPort();
    svcPort = ENGINE.freeLoopbackPort();
    idlePort = ENGINE.freeLoopbackPort();
    takenPort = ENGINE.freeLoopbackPort();
    Files.createDirectories(dir.resolve("secrets"));
    Files.writeString(dir.resolve("secrets/vpn-password"), SECRET + "\n");
  }

  @AfterAll
  static void removeWhatTheTestMade() {
    if (holder != null) {
      holder.destroyForcibly();
    }
    for (String name : List.of(web, vpn, svc, idle, taken, crash)) {
      ENGINE.podmanQuietly("rm", "-f", "-t", "0", name);
    }
    ENGINE.podmanQuietly("network", "rm", "-f", network);
  }

  @Test
  @Order(1)
  void aHealthyStackPasses() throws Exception {
    apply(false);

    AgentCommand doctor = doctor(false);

    System.out.println("---- doctor on a healthy stack ----\n" + doctor.output());
    assertThat(doctor.exitCode()).as(doctor.output()).isZero();
    assertThat(doctor.output())
        .contains("OK    namespace  " + web + ": shares net:[")
        .containsPattern("OK    port       " + vpn + " 127.0.0.1:" + vpnPort + "/tcp: held by its conmon \\(pid \\d+\\);"
            + " a connect is answered")
        .contains("OK    route      /svc: 127.0.0.1:" + svcPort + " answers GET /svc with 404")
        .contains("OK    container  " + svc + ": running (pid ")
        .contains("OK    env-file   vpn: ")
        .contains("OK    directory  " + dir.resolve("media"))
        .contains("WARN  agent")
        .contains("0 failed")
        .doesNotContain(SECRET);
  }

  @Test
  @Order(2)
  void aMemberLeftInTheDeadNamespaceOfARestartedProviderIsFound() throws Exception {
    ENGINE.podman("restart", "-t", "1", vpn);

    AgentCommand doctor = doctor(false);

    System.out.println("---- doctor after `podman restart " + vpn + "` ----\n" + doctor.output());
    assertThat(doctor.exitCode()).as(doctor.output()).isEqualTo(1);
    assertThat(doctor.output()).containsPattern("FAIL  namespace  " + web + ": " + web + " \\(pid \\d+\\) is in "
        + "net:\\[\\d+\\], " + vpn + " \\(pid \\d+\\) in net:\\[\\d+\\]: " + web + " kept the namespace of a " + vpn
        + " that restarted, a dead one")
        .contains("fix: restart " + web + ": `podman restart " + web + "`");

    AgentCommand repair = apply(false);
    assertThat(repair.output()).contains("restart-container");
    assertThat(doctor(false).exitCode()).isZero();
  }

  @Test
  @Order(3)
  void aTakenPortARefusingUpstreamAndAContainerThatExitsAreFoundWithTheirEvidence() throws Exception {
    holder = new ProcessBuilder("busybox", "httpd", "-f", "-p", "127.0.0.1:" + takenPort, "-h", dir.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("holder.log").toFile()).start();
    await().atMost(Duration.ofSeconds(10)).until(() -> connects(takenPort));
    AgentCommand apply = apply(true);
    assertThat(apply.exitCode()).as("the taken port fails its container: " + apply.output()).isEqualTo(1);

    AgentCommand doctor = doctor(false);
    AgentCommand json = doctor(true);

    System.out.println("---- doctor on the broken stack ----\n" + doctor.output());
    assertThat(doctor.exitCode()).as(doctor.output()).isEqualTo(1);
    assertThat(doctor.output())
        .contains("FAIL  port       " + taken + " 127.0.0.1:" + takenPort + "/tcp: 127.0.0.1:" + takenPort
            + "/tcp is taken by pid " + holder.pid() + " (busybox httpd -f -p 127.0.0.1:" + takenPort)
        .contains("FAIL  route      /idle: Caddy would answer 502 for /idle: nothing listens on 127.0.0.1:" + idlePort)
        .contains("FAIL  container  " + taken + ": created, never started")
        .contains("FAIL  container  " + crash + ": exited 3; the last of its log:")
        .contains("| starting " + crash)
        .contains("| config file missing")
        .doesNotContain(SECRET);
    assertThat(json.exitCode()).isEqualTo(1);
    JsonNode report = new ObjectMapper().readTree(json.output());
    assertThat(report.path("exitCode").asInt()).isEqualTo(1);
    List<String> failed = new ArrayList<>();
    report.path("findings").forEach(f -> {
      if (f.path("verdict").asText().equals("fail")) {
        failed.add(f.path("check").asText() + " " + f.path("subject").asText());
      }
    });
    assertThat(failed).contains("port " + taken + " 127.0.0.1:" + takenPort + "/tcp", "route /idle",
        "container " + crash);
  }

  // ---- the stack and the commands ----

  private static AgentCommand apply(boolean broken) throws Exception {
    Path file = dir.resolve("apply.yaml");
    Files.writeString(file, stackFile(broken, false));
    return AgentCommand.run(dir.resolve("apply.log"), "apply", file, ENGINE.socket());
  }

  /** The same stack with its routes: doctor probes their upstreams without a Caddy. */
  private static AgentCommand doctor(boolean json) throws Exception {
    Path file = dir.resolve("doctor.yaml");
    Files.writeString(file, stackFile(Files.readString(dir.resolve("apply.yaml")).contains(crash), true));
    List<String> extra = new ArrayList<>(List.of("--status-socket", dir.resolve("no-agent.sock").toString()));
    if (json) {
      extra.add("--json");
    }
    return AgentCommand.run(dir.resolve(json ? "doctor-json.log" : "doctor.log"), "doctor", file, ENGINE.socket(),
        extra.toArray(String[]::new));
  }

  private static String stackFile(boolean broken, boolean withRoutes) {
    StringBuilder y = new StringBuilder();
    y.append("version: 1\nstack: ").append(stack).append('\n');
    if (withRoutes) {
      y.append("proxy:\n  caddy: http://127.0.0.1:1\n  sites:\n    main: { listen: [\"127.0.0.1:")
          .append(ENGINE.freeLoopbackPort()).append("\"] }\n");
    }
    y.append("networks:\n  ").append(network).append(": { subnet: ").append(subnet).append(" }\n");
    y.append("directories:\n  - { path: ").append(dir.resolve("media")).append(", mode: \"0750\" }\n");
    y.append("envFiles:\n  vpn:\n    path: ").append(dir.resolve("vpn.env")).append('\n')
        .append("    values:\n      VPN_USER: demo\n      VPN_PASSWORD: { fromFile: ")
        .append(dir.resolve("secrets/vpn-password")).append(" }\n");
    y.append("containers:\n");
    container(y, vpn, "network: " + network, "ports: [127.0.0.1:" + vpnPort + ":8080]", "envFiles: [vpn]",
        "stopTimeout: 2s");
    container(y, web, "network: \"container:" + vpn + "\"", "command: " + String.format(SERVE, "web", 8080));
    container(y, svc, "network: " + network, "ports: [127.0.0.1:" + svcPort + ":80]",
        "command: " + String.format(SERVE, "svc", 80), withRoutes ? "routes: [{ path: /svc }]" : "");
    if (broken) {
      container(y, idle, "network: " + network, "ports: [127.0.0.1:" + idlePort + ":80]",
          withRoutes ? "routes: [{ path: /idle }]" : "");
      container(y, taken, "network: " + network, "ports: [127.0.0.1:" + takenPort + ":80]",
          "command: " + String.format(SERVE, "taken", 80));
      container(y, crash, "network: " + network, "restart: \"no\"",
          "command: [\"sh\", \"-c\", \"echo starting " + crash + "; echo config file missing >&2; exit 3\"]");
    }
    return y.toString();
  }

  private static void container(StringBuilder y, String name, String... keys) {
    y.append("  ").append(name).append(":\n    image: ").append(ENGINE.image()).append("\n    pull: never\n");
    for (String key : keys) {
      if (!key.isEmpty()) {
        y.append("    ").append(key).append('\n');
      }
    }
  }

  private static boolean connects(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
