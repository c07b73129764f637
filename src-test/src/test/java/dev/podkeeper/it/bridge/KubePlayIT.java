package dev.podkeeper.it.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podkeeper.it.CliRun;
import dev.podkeeper.it.LoopbackHttp;
import dev.podkeeper.it.PodmanEngineFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export --format kube} of a stack shaped like the demo (a provider publishing its member's port on
 * loopback, a bind mount, a health check, a container of its own), run with {@code podman kube play} on the
 * private engine: the member serves on the provider's loopback port, in the provider's network namespace.
 */
class KubePlayIT {
  private static final PodmanEngineFixture.Engine ENGINE = PodmanEngineFixture.get();

  @TempDir
  static Path dir;

  private static String stack;
  private static int memberPort;
  private static int soloPort;

  @BeforeAll
  static void names() {
    stack = ENGINE.uniqueName("kube").toLowerCase();
    memberPort = ENGINE.freeLoopbackPort();
    soloPort = ENGINE.freeLoopbackPort();
  }

  @AfterAll
  static void removeWhatTheTestMade() {
    ENGINE.removePodsQuietly(stack + "-vpn", stack + "-solo");
  }

  @Test
  void theExportedStackRunsWithKubePlayAndTheMemberServesOnTheProvidersPort() throws Exception {
    Path file = dir.resolve("stack.yaml");
    Files.writeString(file, stackFile());
    CliRun export = CliRun.of("export", "--format", "kube", file.toString());
    assertThat(export.exitCode()).as(export.err()).isZero();
    Path manifests = dir.resolve("kube.yaml");
    Files.writeString(manifests, export.out());

    ENGINE.podman("kube", "play", manifests.toString());

    assertThat(ENGINE.podman("pod", "ps", "--format", "{{.Name}}").lines())
        .as("a Pod for the provider with its member, one for the container of its own")
        .contains(stack + "-vpn", stack + "-solo");
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
      assertThat(LoopbackHttp.get(memberPort)).isEqualTo("web\n");
      assertThat(LoopbackHttp.get(soloPort)).isEqualTo("solo\n");
    });
    String member = stack + "-vpn-" + stack + "-web";
    String provider = stack + "-vpn-" + stack + "-vpn";
    assertThat(ENGINE.networkNamespace(member)).as("one Pod, one network namespace")
        .isEqualTo(ENGINE.networkNamespace(provider));
    assertThat(Files.isDirectory(dir.resolve("web-config"))).as("hostPath DirectoryOrCreate").isTrue();
  }

  private static String stackFile() {
    return """
        version: 1
        stack: %1$s
        networks: { %1$s-net: { subnet: %2$s } }
        containers:
          %1$s-vpn:
            image: %3$s
            pull: never
            network: %1$s-net
            ports: ["127.0.0.1:%4$d:8080"]
            command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]
            health: { test: ["CMD-SHELL", "true"], interval: 2s }
            stopTimeout: 2s
          %1$s-web:
            image: %3$s
            pull: never
            network: container:%1$s-vpn
            volumes: ["%5$s:/config"]
            command: %6$s
          %1$s-solo:
            image: %3$s
            pull: never
            network: %1$s-net
            ports: ["127.0.0.1:%7$d:80"]
            dependsOn: [%1$s-vpn]
            memory: 64m
            command: %8$s
        """.formatted(stack, ENGINE.randomSubnet(), ENGINE.image(), memberPort, dir.resolve("web-config"),
        LoopbackHttp.serveCommand("web", 8080), soloPort, LoopbackHttp.serveCommand("solo", 80));
  }
}
