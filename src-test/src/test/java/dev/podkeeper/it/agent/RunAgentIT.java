package dev.podkeeper.it.agent;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podkeeper.agent.status.StatusClient;
import dev.podkeeper.agent.status.StatusJson;
import dev.podkeeper.agent.status.StatusSnapshot;
import dev.podkeeper.it.ContainerRuns;
import dev.podkeeper.it.PodmanEngineFixture;
import dev.podkeeper.model.observed.ObservedContainer;
import dev.podkeeper.podman.PodmanEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code podkeeper run} as a real process against a private Podman engine: it repairs what happens behind
 * its back within the times the project promises, applies file edits, and leaves containers running when
 * SIGTERM stops it. The tests run in order against one agent and one stack.
 */
@TestMethodOrder(OrderAnnotation.class)
@ExtendWith(RunAgentIT.PrintAgentLogOnFailure.class)
class RunAgentIT {
  private static final List<String> WORKERS = List.of("w1", "w2", "w3", "w4", "w5");
  @TempDir static Path directory;
  private static PodmanEngineFixture.Engine podman;
  private static PodmanEngine api;
  private static ContainerRuns runs;
  private static String stack;
  private static String network;
  private static String subnet;
  private static Path file;
  private static Path statusSocket;
  private static AgentProcess agent;

  @BeforeAll
  static void startAgent() throws IOException {
    podman = PodmanEngineFixture.get();
    api = new PodmanEngine(podman.socket());
    runs = new ContainerRuns(api);
    stack = podman.uniqueName("runit");
    network = stack + "-net";
    subnet = podman.randomSubnet();
    file = directory.resolve("stack.yaml");
    statusSocket = directory.resolve("status.sock");
    Files.writeString(file, stackFile(List.of()));
    // Every pass's summary line, also of those that change nothing: the kill test waits for one.
    agent = AgentProcess.start(file, podman.socket(), statusSocket, "--log-every-pass");

    await().atMost(Duration.ofMinutes(2)).until(() -> allRunning(names(List.of())));
  }

  @AfterAll
  static void removeEverything() throws Exception {
    if (agent != null) {
      agent.close();
    }
    // Members of a namespace first: Podman refuses to remove a provider that others joined.
    List<ObservedContainer> ours = api.listContainers().stream().filter(c -> c.name().startsWith(stack + "-"))
        .sorted(Comparator.comparing((ObservedContainer c) -> c.namespaceProviderId().isEmpty())).toList();
    for (ObservedContainer c : ours) {
      api.removeContainer(c.id());
    }
    api.listNetworks().stream().filter(n -> n.name().equals(network)).forEach(n -> api.removeNetwork(n.id()));
    api.close();
  }

  private static String stackFile(List<String> extraWorkers) {
    StringBuilder yaml = new StringBuilder("""
        version: 1
        stack: %s
        networks:
          %s:
            subnet: %s
        containers:
          %s-vpn:
            image: %s
            network: %s
          %s-member:
            image: %s
            network: container:%s-vpn
        """.formatted(stack, network, subnet, stack, PodmanEngineFixture.TEST_IMAGE, network, stack,
        PodmanEngineFixture.TEST_IMAGE, stack));
    List<String> workers = new ArrayList<>(WORKERS);
    workers.addAll(extraWorkers);
    for (String worker : workers) {
      yaml.append("  ").append(stack).append('-').append(worker).append(":\n")
          .append("    image: ").append(PodmanEngineFixture.TEST_IMAGE).append('\n')
          .append("    network: ").append(network).append('\n');
    }
    return yaml.toString();
  }

  private static List<String> names(List<String> extraWorkers) {
    List<String> names = new ArrayList<>(List.of(stack + "-vpn", stack + "-member"));
    WORKERS.forEach(w -> names.add(stack + "-" + w));
    extraWorkers.forEach(w -> names.add(stack + "-" + w));
    return names;
  }

  private static Optional<ObservedContainer> container(String name) {
    return api.listContainers().stream().filter(c -> c.name().equals(name)).findFirst();
  }

  private static boolean allRunning(List<String> names) {
    List<ObservedContainer> all = api.listContainers();
    return names.stream().allMatch(n -> all.stream().anyMatch(c -> c.name().equals(n) && c.running()));
  }

  @Test
  @Order(1)
  void servesItsStatusOnTheUnixSocket() throws Exception {
    await().atMost(Duration.ofSeconds(30)).until(() -> StatusClient.fetch(statusSocket)
        .map(json -> json.contains("\"stack\":\"" + stack + "\"") && json.contains("\"converged\":true"))
        .orElse(false));

    StatusSnapshot status = StatusJson.read(StatusClient.fetch(statusSocket).orElseThrow());
    assertThat(status.stack()).isEqualTo(stack);
    assertThat(status.objects()).hasSize(1 + 2 + WORKERS.size());
  }

  @Test
  @Order(2)
  // The 1 s median is a figure of the benchmark (bench/run.sh), measured on a quiet machine; here, among
  // other builds on two cores, the test holds each repair to a bound that only a broken trigger misses.
  void aKilledContainerIsRunningAgainPromptly() {
    List<Long> millis = new ArrayList<>();
    for (String worker : WORKERS) {
      String name = stack + "-" + worker;
      long before = runs.pid(name);
      settle();
      podman.podman("kill", name);
      long killed = System.nanoTime();
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
          .until(() -> runs.restartedSince(name, before));
      millis.add((System.nanoTime() - killed) / 1_000_000);
    }

    List<Long> sorted = millis.stream().sorted().toList();
    System.out.println("kill -> running again (ms): " + millis + ", median " + sorted.get(sorted.size() / 2));
    assertThat(sorted.get(sorted.size() / 2)).as("median repair, well before any periodic resync")
        .isLessThan(5000);
    // The engine names how a run ended ("exited 137 (killed)"); a plain "exited" is the host's word, the
    // process watch's, which was there first. Most, not all: on a loaded machine the engine may win one.
    // (A kill soon after a repair, while the agent lists everything again, is repaired on the engine's word.)
    List<String> causes = await().atMost(Duration.ofSeconds(10)).until(
        () -> WORKERS.stream().map(w -> startCause(stack + "-" + w)).toList(),
        logged -> logged.stream().noneMatch(c -> c.startsWith("(no start")));
    assertThat(causes.stream().filter("exited"::equals).count()).as("repairs started on the host's word: " + causes)
        .isGreaterThanOrEqualTo(3);
  }

  /**
   * Waits for a pass that changed nothing after the last action in the log: the passes that the last repair's
   * own events asked for have run, and the one after podkeeper's own action has listed the engine afresh.
   */
  private static void settle() {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
      List<String> lines = agent.log().lines().toList();
      int lastAction = -1;
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).contains(" action=")) {
          lastAction = i;
        }
      }
      return lines.subList(lastAction + 1, lines.size()).stream()
          .anyMatch(l -> l.contains(" converged=") && l.contains(" actions=0 "));
    });
  }

  /** The cause of the last start-container action of {@code name} in the agent's reconcile log. */
  private static String startCause(String name) {
    return agent.log().lines().filter(l -> l.contains("action=start-container target=" + name + " "))
        .reduce((first, last) -> last)
        .map(l -> l.replaceFirst(".* cause=(\"[^\"]*\"|\\S+) .*", "$1").replace("\"", ""))
        .orElse("(no start of " + name + " in the log)");
  }

  @Test
  @Order(3)
  // As above: the 3 s target is the benchmark's figure; the test bounds it loosely against load.
  void membersOfARestartedProviderAreBackInItsNamespacePromptly() {
    String vpn = stack + "-vpn";
    String member = stack + "-member";
    long memberBefore = runs.pid(member);
    long vpnBefore = runs.pid(vpn);

    try {
      podman.podman("restart", vpn);
    } catch (IllegalStateException e) {
      // The agent saw `restart`'s stop (a die event) and started vpn itself before Podman's own start, which
      // then fails ("runc start ... failed"). The provider restarted all the same; what is tested follows.
      await().atMost(Duration.ofSeconds(10)).until(() -> runs.restartedSince(vpn, vpnBefore));
    }
    long restarted = System.nanoTime();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
      Optional<ObservedContainer> p = container(vpn);
      Optional<ObservedContainer> m = container(member);
      return runs.restartedSince(member, memberBefore) && p.isPresent() && m.isPresent() && p.get().running()
          && p.get().networkNamespace().isPresent()
          && p.get().networkNamespace().equals(m.get().networkNamespace());
    });
    long millis = (System.nanoTime() - restarted) / 1_000_000;

    System.out.println("provider restart -> member repaired (ms): " + millis);
    assertThat(millis).as("well before any periodic resync").isLessThan(10_000);
  }

  @Test
  @Order(4)
  void anEditedFileIsApplied() throws IOException {
    Path temp = directory.resolve(".stack.yaml.tmp");
    Files.writeString(temp, stackFile(List.of("extra")));
    Files.move(temp, file, ATOMIC_MOVE);

    await().atMost(Duration.ofSeconds(30)).until(() -> allRunning(names(List.of("extra"))));
  }

  @Test
  @Order(5)
  void sigtermStopsTheAgentAndLeavesEveryContainerRunning() throws Exception {
    List<String> names = names(List.of("extra"));
    await().atMost(Duration.ofSeconds(30)).until(() -> allRunning(names));

    int exit = agent.terminate(Duration.ofSeconds(10));

    assertThat(exit).isZero();
    assertThat(allRunning(names)).isTrue();
    assertThat(statusSocket).doesNotExist();
  }

  /** The agent's own log says what it saw and did: the first thing to read when one of these fails. */
  static final class PrintAgentLogOnFailure implements TestWatcher {
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      if (agent != null) {
        System.err.println("---- podkeeper run output ----\n" + agent.log());
      }
    }
  }
}
