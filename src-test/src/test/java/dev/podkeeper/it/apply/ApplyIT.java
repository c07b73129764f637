package dev.podkeeper.it.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podkeeper.it.AgentCommand;
import dev.podkeeper.it.PodmanEngineFixture;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code podkeeper apply} against a private Podman engine, on the seed's topology in small: a VPN-like
 * provider publishing a member's port on loopback, a service with a bind mount, directories and an env file
 * from a secret. One stack through a sequence of edits, as a user would make them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApplyIT {
  private static final PodmanEngineFixture.Engine ENGINE = PodmanEngineFixture.get();
  private static final String SECRET = "s3cret-" + UUID.randomUUID();

  @TempDir
  static Path dir;

  private static String stack;
  private static String vpn;
  private static String web;
  private static String svc;
  private static String plain;
  private static int plainPort;
  private static String network;
  private static String subnet;
  private static int vpnPort;
  private static int svcPort;
  private static Path file;

  @BeforeAll
  static void names() throws IOException {
    stack = ENGINE.uniqueName("apply").toLowerCase();
    vpn = stack + "-vpn";
    web = stack + "-web";
    svc = stack + "-svc";
    plain = stack + "-plain";
    plainPort = ENGINE.freeLoopbackPort();
    network = stack + "-net";
    subnet = ENGINE.randomSubnet();
    vpnPort = ENGINE.freeLoopbackPort();
    svcPort = ENGINE.freeLoopbackPort();
    file = dir.resolve("stack.yaml");
    Files.createDirectories(dir.resolve("secrets"));
    Files.writeString(dir.resolve("secrets/vpn-password"), SECRET + "\n");
  }

  @AfterAll
  static void removeWhatTheTestMade() {
    for (String name : List.of(web, vpn, svc, plain, stack + "-clash")) {
      ENGINE.podmanQuietly("rm", "-f", "-t", "0", name);
    }
    ENGINE.podmanQuietly("network", "rm", "-f", network);
  }

  @Test
  @Order(1)
  void fromEmptyEveryContainerRunsOnLoopbackWithItsDirectoriesAndEnvFile() throws Exception {
    AgentCommand apply = apply(stackFile(Map.of()));
    assertThat(apply.exitCode()).as(apply.output()).isZero();
    assertThat(apply.output()).contains("converged=").doesNotContain(SECRET);

    for (String name : List.of(vpn, web, svc)) {
      assertThat(inspect(name, "{{.State.Status}}")).isEqualTo("running");
    }
    assertThat(inspect(web, "{{.HostConfig.NetworkMode}}")).isEqualTo("container:" + id(vpn));
    assertThat(httpGet(vpnPort)).as("the provider's port reaches the member's server").isEqualTo("web\n");
    assertThat(httpGet(svcPort)).isEqualTo("svc\n");
    assertThat(inspect(plain, "{{range $name, $n := .NetworkSettings.Networks}}{{$name}}{{end}}"))
        .as("without network: Podman's default network, as podman run").isEqualTo("podman");
    assertThat(httpGet(plainPort)).isEqualTo("plain\n");
    assertThat(listeners(vpnPort)).containsExactly("127.0.0.1");
    assertThat(listeners(svcPort)).containsExactly("127.0.0.1");

    Path envFile = dir.resolve("vpn.env");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(envFile))).isEqualTo("rw-------");
    assertThat(Files.readString(envFile)).contains("VPN_PASSWORD=" + SECRET);
    assertThat(inspect(vpn, "{{range .Config.Env}}{{println .}}{{end}}")).contains("VPN_PASSWORD=" + SECRET);
    assertThat(ownerAndMode(dir.resolve("media"))).isEqualTo("1000:1000 rwxr-x---");
    assertThat(ownerAndMode(dir.resolve("svc-config"))).as("a missing bind source, made with the defaults")
        .isEqualTo("1000:1000 rwxr-xr-x");
  }

  @Test
  @Order(2)
  void aSecondApplyChangesNothing() throws Exception {
    Map<String, String> ids = ids();
    AgentCommand plan = AgentCommand.run(dir.resolve("plan.log"), "plan", file, ENGINE.socket(), "--detailed-exitcode");
    assertThat(plan.exitCode()).as(plan.output()).isZero();
    AgentCommand apply = apply(stackFile(Map.of()));
    assertThat(apply.exitCode()).as(apply.output()).isZero();
    assertThat(apply.output()).contains("actions=0");
    assertThat(ids()).isEqualTo(ids);
  }

  @Test
  @Order(3)
  void afterTheProviderRestartsItsMemberIsRestartedIntoTheNewNamespace() throws Exception {
    ENGINE.podman("restart", "-t", "1", vpn);
    assertThat(ENGINE.networkNamespace(web)).as("the member is left in the old, dead namespace")
        .isNotEqualTo(ENGINE.networkNamespace(vpn));

    AgentCommand apply = apply(stackFile(Map.of()));

    assertThat(apply.exitCode()).as(apply.output()).isZero();
    assertThat(apply.output()).contains("restart-container").contains(web);
    assertThat(ENGINE.networkNamespace(web)).isEqualTo(ENGINE.networkNamespace(vpn));
    await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
        .untilAsserted(() -> assertThat(httpGet(vpnPort)).isEqualTo("web\n"));
  }

  @Test
  @Order(4)
  void changingOneContainerRecreatesOnlyThatOne() throws Exception {
    Map<String, String> before = ids();
    AgentCommand apply = apply(stackFile(Map.of("svcEnv", "B")));
    assertThat(apply.exitCode()).as(apply.output()).isZero();
    Map<String, String> after = ids();
    assertThat(after.get(svc)).isNotEqualTo(before.get(svc));
    assertThat(after.get(vpn)).isEqualTo(before.get(vpn));
    assertThat(after.get(web)).isEqualTo(before.get(web));
  }

  @Test
  @Order(5)
  void changingTheProviderRecreatesItThenItsMember() throws Exception {
    Map<String, String> before = ids();
    AgentCommand apply = apply(stackFile(Map.of("svcEnv", "B", "vpnEnv", "B")));
    assertThat(apply.exitCode()).as(apply.output()).isZero();
    Map<String, String> after = ids();
    assertThat(after.get(vpn)).isNotEqualTo(before.get(vpn));
    assertThat(after.get(web)).isNotEqualTo(before.get(web));
    assertThat(after.get(svc)).isEqualTo(before.get(svc));
    assertThat(inspect(web, "{{.HostConfig.NetworkMode}}")).isEqualTo("container:" + after.get(vpn));
    await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
        .untilAsserted(() -> assertThat(httpGet(vpnPort)).isEqualTo("web\n"));
  }

  @Test
  @Order(6)
  void aContainerTakenOutOfTheFileIsRemovedAndItsDirectoriesStay() throws Exception {
    AgentCommand apply = apply(stackFile(Map.of("svcEnv", "B", "vpnEnv", "B", "withoutSvc", "yes")));
    assertThat(apply.exitCode()).as(apply.output()).isZero();
    assertThat(ENGINE.podman("ps", "-a", "--format", "{{.Names}}").lines()).doesNotContain(svc);
    assertThat(dir.resolve("svc-config")).isDirectory();
  }

  @Test
  @Order(7)
  void aNameTakenByAnUnmanagedContainerIsReportedAndLeftAloneWhileTheRestConverges() throws Exception {
    String clash = stack + "-clash";
    ENGINE.podman("run", "-d", "--name", clash, ENGINE.image());
    String unmanagedId = id(clash);

    AgentCommand apply = apply(stackFile(Map.of("svcEnv", "B", "vpnEnv", "B", "clash", clash)));

    assertThat(apply.exitCode()).as(apply.output()).isEqualTo(1);
    assertThat(apply.output()).contains(clash).contains("does not").contains("manage");
    assertThat(id(clash)).isEqualTo(unmanagedId);
    assertThat(inspect(clash, "{{.State.Status}}")).isEqualTo("running");
    assertThat(inspect(svc, "{{.State.Status}}")).as("the rest converged").isEqualTo("running");
  }

  @Test
  @Order(8)
  void anInvalidFileChangesNothing() throws Exception {
    Map<String, String> before = ids();
    Files.writeString(file, stackFile(Map.of()).replace("127.0.0.1:" + svcPort, String.valueOf(svcPort)));
    AgentCommand apply = AgentCommand.run(dir.resolve("apply.log"), "apply", file, ENGINE.socket());
    assertThat(apply.exitCode()).isEqualTo(1);
    assertThat(apply.output()).contains("stack.yaml:").contains("[ports.host-ip]");
    assertThat(ids()).isEqualTo(before);
  }

  // ---- the stack, and what the engine and the host say ----

  private static AgentCommand apply(String yaml) throws Exception {
    Files.writeString(file, yaml);
    return AgentCommand.run(dir.resolve("apply.log"), "apply", file, ENGINE.socket());
  }

  /** The stack, varied by {@code edits}: svcEnv, vpnEnv (values), withoutSvc, clash (a name). */
  private static String stackFile(Map<String, String> edits) {
    String serve = "[\"sh\", \"-c\", \"echo %s > /tmp/index.html; trap 'exit 0' TERM; httpd -f -p %d -h /tmp & wait\"]";
    StringBuilder y = new StringBuilder();
    y.append("version: 1\nstack: ").append(stack).append('\n');
    y.append("networks:\n  ").append(network).append(": { subnet: ").append(subnet).append(" }\n");
    y.append("directories:\n  - { path: ").append(dir.resolve("media")).append(", mode: \"0750\" }\n");
    y.append("envFiles:\n  vpn:\n    path: ").append(dir.resolve("vpn.env")).append('\n');
    y.append("    values:\n      VPN_USER: demo\n      VPN_PASSWORD: { fromFile: ")
        .append(dir.resolve("secrets/vpn-password")).append(" }\n");
    y.append("containers:\n");
    y.append("  ").append(vpn).append(":\n    image: ").append(ENGINE.image()).append("\n    pull: never\n")
        .append("    network: ").append(network).append('\n')
        .append("    ports: [127.0.0.1:").append(vpnPort).append(":8080]\n")
        .append("    envFiles: [vpn]\n")
        .append("    env: { EDIT: \"").append(edits.getOrDefault("vpnEnv", "A")).append("\" }\n")
        .append("    health: { test: [CMD-SHELL, \"true\"], interval: 2s }\n")
        .append("    stopTimeout: 2s\n");
    y.append("  ").append(web).append(":\n    image: ").append(ENGINE.image()).append("\n    pull: never\n")
        .append("    network: \"container:").append(vpn).append("\"\n")
        .append("    command: ").append(String.format(serve, "web", 8080)).append('\n');
    if (!edits.containsKey("withoutSvc")) {
      y.append("  ").append(svc).append(":\n    image: ").append(ENGINE.image()).append("\n    pull: never\n")
          .append("    network: ").append(network).append('\n')
          .append("    ports: [127.0.0.1:").append(svcPort).append(":80]\n")
          .append("    volumes: [").append(dir.resolve("svc-config")).append(":/config]\n")
          .append("    env: { EDIT: \"").append(edits.getOrDefault("svcEnv", "A")).append("\" }\n")
          .append("    command: ").append(String.format(serve, "svc", 80)).append('\n');
    }
    y.append("  ").append(plain).append(":\n    image: ").append(ENGINE.image()).append("\n    pull: never\n")
        .append("    ports: [127.0.0.1:").append(plainPort).append(":80]\n")
        .append("    command: ").append(String.format(serve, "plain", 80)).append('\n');
    if (edits.containsKey("clash")) {
      y.append("  ").append(edits.get("clash")).append(":\n    image: ").append(ENGINE.image())
          .append("\n    pull: never\n    network: ").append(network).append('\n');
    }
    return y.toString();
  }

  private static Map<String, String> ids() {
    return List.of(vpn, web, svc).stream()
        .filter(n -> ENGINE.podman("ps", "-a", "--format", "{{.Names}}").lines().anyMatch(n::equals))
        .collect(Collectors.toMap(n -> n, ApplyIT::id));
  }

  private static String id(String name) {
    return inspect(name, "{{.Id}}");
  }

  private static String inspect(String name, String format) {
    return ENGINE.podman("inspect", "--format", format, name).strip();
  }

  /** The local addresses that listen on {@code port}, from the host's socket table (/proc/net/tcp and tcp6). */
  private static List<String> listeners(int port) throws IOException {
    String hexPort = String.format(":%04X", port);
    return java.util.stream.Stream.of("/proc/net/tcp", "/proc/net/tcp6")
        .flatMap(table -> {
          try {
            return Files.readAllLines(Path.of(table)).stream().skip(1);
          } catch (IOException e) {
            return java.util.stream.Stream.empty();
          }
        })
        .map(line -> line.trim().split("\\s+"))
        .filter(f -> f[1].endsWith(hexPort) && f[3].equals("0A"))
        .map(f -> f[1].substring(0, f[1].indexOf(':')))
        .map(ApplyIT::address)
        .distinct()
        .toList();
  }

  /** /proc/net/tcp writes IPv4 addresses as little-endian hex; anything longer is IPv6. */
  private static String address(String hex) {
    if (hex.length() != 8) {
      return "ipv6:" + hex;
    }
    long v = Long.parseLong(hex, 16);
    return (v & 0xff) + "." + ((v >> 8) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 24) & 0xff);
  }

  private static String ownerAndMode(Path path) throws IOException {
    return Files.getAttribute(path, "unix:uid") + ":" + Files.getAttribute(path, "unix:gid") + " "
        + PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static String httpGet(int port) throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(3)).build(),
        HttpResponse.BodyHandlers.ofString());
    return response.body();
  }
}
