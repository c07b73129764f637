package dev.podkeeper.it.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podkeeper.agent.cli.Main;
import dev.podkeeper.it.AgentCommand;
import dev.podkeeper.it.PodmanEngineFixture;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code import engine} and {@code --adopt} against a private Podman engine: containers made by hand with
 * {@code podman run} are imported and adopted and serve again; a podkeeper-made stack imported back plans no
 * changes.
 */
class EngineImportIT {
  private static final PodmanEngineFixture.Engine ENGINE = PodmanEngineFixture.get();
  private static final String SERVE =
      "echo %s > /tmp/index.html; trap 'exit 0' TERM; httpd -f -p 8080 -h /tmp & wait";

  @TempDir
  Path dir;

  private final List<String> containers = new ArrayList<>();
  private final List<String> networks = new ArrayList<>();

  @AfterEach
  void removeWhatTheTestMade() {
    // Members before their providers: Podman refuses the other order.
    for (int i = containers.size() - 1; i >= 0; i--) {
      ENGINE.podmanQuietly("rm", "-f", "-t", "0", containers.get(i));
    }
    networks.forEach(n -> ENGINE.podmanQuietly("network", "rm", "-f", n));
  }

  @Test
  void aHandMadePairIsImportedAdoptedAndServesAgain() throws Exception {
    String stack = ENGINE.uniqueName("adopt").toLowerCase();
    String vpn = stack + "-vpn";
    String web = stack + "-web";
    String token = "t-" + UUID.randomUUID();
    int port = ENGINE.freeLoopbackPort();
    containers.addAll(List.of(vpn, web));
    ENGINE.podman("run", "-d", "--name", vpn, "-p", "127.0.0.1:" + port + ":8080", "-e", "API_TOKEN=" + token,
        "-e", "MODE=vpn", ENGINE.image());
    ENGINE.podman("run", "-d", "--name", web, "--network", "container:" + vpn, ENGINE.image(), "sh", "-c",
        String.format(SERVE, "hand-made"));
    awaitServing(port, "hand-made");
    String handMadeVpn = id(vpn);

    String yaml = importEngine(stack, "--container", web, "--env-dir", dir.toString());
    assertThat(yaml).doesNotContain(token).contains("network: \"container:" + vpn + "\"")
        .contains("API_TOKEN: values not printed").contains("127.0.0.1:" + port + ":8080/tcp");
    Path file = dir.resolve("stack.yaml");
    Files.writeString(file, yaml.replace("hand-made", "adopted"));
    Files.writeString(dir.resolve(vpn + ".env"), "API_TOKEN=" + token + "\n");

    AgentCommand refused = AgentCommand.run(dir.resolve("refused.log"), "apply", file, ENGINE.socket());
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.output()).contains("--adopt " + vpn);
    assertThat(id(vpn)).isEqualTo(handMadeVpn);

    AgentCommand apply = AgentCommand.run(dir.resolve("apply.log"), "apply", file, ENGINE.socket(),
        "--adopt", vpn, "--adopt", web);
    assertThat(apply.exitCode()).as(apply.output()).isZero();
    assertThat(apply.output()).contains("adopted (was unmanaged)");
    assertThat(id(vpn)).isNotEqualTo(handMadeVpn);
    assertThat(label(vpn)).isEqualTo(stack);
    assertThat(label(web)).isEqualTo(stack);
    assertThat(ENGINE.podman("exec", vpn, "sh", "-c", "echo $API_TOKEN").strip()).isEqualTo(token);
    awaitServing(port, "adopted");

    AgentCommand plan = AgentCommand.run(dir.resolve("plan.log"), "plan", file, ENGINE.socket(), "--detailed-exitcode");
    assertThat(plan.exitCode()).as(plan.output()).isZero();
  }

  @Test
  void aPodkeeperMadeStackImportedBackPlansNoChanges() throws Exception {
    String stack = ENGINE.uniqueName("trip").toLowerCase();
    String network = stack + "-net";
    String vpn = stack + "-vpn";
    String web = stack + "-web";
    String svc = stack + "-svc";
    containers.addAll(List.of(vpn, web, svc));
    networks.add(network);
    String secret = "s-" + UUID.randomUUID();
    Files.writeString(dir.resolve("password"), secret + "\n");
    Path file = dir.resolve("stack.yaml");
    Files.writeString(file, """
        version: 1
        stack: %1$s
        defaults:
          env: { TZ: Europe/Amsterdam }
        networks:
          %2$s: { subnet: %3$s }
        envFiles:
          vpn:
            path: %4$s/vpn.env
            values:
              VPN_USER: demo
              VPN_PASSWORD: { fromFile: %4$s/password }
        containers:
          %5$s:
            image: %6$s
            pull: never
            network: %2$s
            aliases: [vpn]
            ports: ["127.0.0.1:%7$d:8080", "127.0.0.1:%8$d:8081/udp"]
            envFiles: [vpn]
            capAdd: [NET_ADMIN]
            health: { test: "true", interval: 2s }
            memory: 64m
            cpus: 0.5
            stopTimeout: 2s
            restart: on-failure
          %9$s:
            image: %6$s
            pull: never
            network: "container:%5$s"
            command: ["sh", "-c", "%10$s"]
            user: nobody
          %11$s:
            image: %6$s
            pull: never
            volumes: ["%4$s:/data:ro"]
            workdir: /tmp
            labels: { app: svc }
        """.formatted(stack, network, ENGINE.randomSubnet(), dir, vpn, ENGINE.image(), ENGINE.freeLoopbackPort(),
        ENGINE.freeLoopbackPort(), web, String.format(SERVE, "web"), svc));
    AgentCommand apply = AgentCommand.run(dir.resolve("apply.log"), "apply", file, ENGINE.socket());
    assertThat(apply.exitCode()).as(apply.output()).isZero();

    String yaml = importEngine(stack, "--container", web, "--container", svc, "--env-dir", dir.toString());
    assertThat(yaml).doesNotContain(secret);
    Path imported = dir.resolve("imported.yaml");
    Files.writeString(imported, yaml);
    Files.writeString(dir.resolve(vpn + ".env"), "VPN_PASSWORD=" + secret + "\n");

    AgentCommand plan = AgentCommand.run(dir.resolve("plan.log"), "plan", imported, ENGINE.socket(),
        "--detailed-exitcode");
    assertThat(plan.exitCode()).as(yaml + "\n" + plan.output()).isZero();
  }

  /** {@code podkeeper import engine} in this JVM, so that stdout is the file alone. */
  private static String importEngine(String stack, String... options) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = Main.commandLine();
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    List<String> args = new ArrayList<>(List.of("import", "engine", "--stack", stack, "--podman-socket",
        ENGINE.socket()));
    args.addAll(List.of(options));
    int exit = command.execute(args.toArray(String[]::new));
    assertThat(exit).as(err.toString()).isZero();
    return out.toString();
  }

  private static void awaitServing(int port, String body) {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
        .untilAsserted(() -> assertThat(httpGet(port)).isEqualTo(body + "\n"));
  }

  private static String id(String name) {
    return ENGINE.podman("inspect", "--format", "{{.Id}}", name).strip();
  }

  private static String label(String name) {
    return ENGINE.podman("inspect", "--format", "{{index .Config.Labels \"dev.podkeeper.stack\"}}", name).strip();
  }

  private static String httpGet(int port) throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(3)).build(),
        HttpResponse.BodyHandlers.ofString());
    return response.body();
  }
}
