package dev.podkeeper.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podkeeper.it.AgentCommand;
import dev.podkeeper.it.ContainerRuns;
import dev.podkeeper.it.PodmanEngineFixture;
import dev.podkeeper.model.observed.ObservedContainer;
import dev.podkeeper.podman.PodmanEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Podman API service dies for 20 s under a running agent (SIGKILL to the service; conmon keeps the
 * containers running), and a managed container is killed while it is away. The agent must stay up, say
 * plainly that it cannot reach the engine, and repair the container within 5 s of the service's return
 * (the first test measures, the second judges). This class starts an engine of its own, since it stops it.
 */
@TestMethodOrder(OrderAnnotation.class)
class EngineOutageIT {
  private static final Duration OUTAGE = Duration.ofSeconds(20);
  private static final Duration REPAIRED_WITHIN = Duration.ofSeconds(5);

  @TempDir static Path directory;
  private static OwnEngine engine;
  private static PodmanEngine api;
  private static AgentCommand agent;
  private static String stack;
  private static String network;
  /** From the engine's return to the killed container running again, measured by the first test. */
  private static Duration repair;

  @BeforeAll
  static void startEngineAndAgent() throws Exception {
    engine = OwnEngine.create("outage");
    api = new PodmanEngine(engine.socket());
    stack = "outage-" + Long.toString(ThreadLocalRandom.current().nextLong(60_466_176L, 2_176_782_336L), 36);
    network = stack + "-net";
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String subnet = "10." + random.nextInt(200, 250) + "." + random.nextInt(256) + ".0/24";
    Path file = Files.writeString(directory.resolve("stack.yaml"), """
        version: 1
        stack: %1$s
        networks:
          %2$s:
            subnet: %3$s
        containers:
          %1$s-vpn:
            image: %4$s
            network: %2$s
          %1$s-member:
            image: %4$s
            network: container:%1$s-vpn
          %1$s-w1:
            image: %4$s
            network: %2$s
          %1$s-w2:
            image: %4$s
            network: %2$s
            dependsOn: [%1$s-w1]
        """.formatted(stack, network, subnet, PodmanEngineFixture.TEST_IMAGE));
    agent = AgentCommand.start(directory.resolve("agent.log"), "run", file, engine.socket(),
        "--status-socket", directory.resolve("status.sock").toString());
    await().atMost(Duration.ofMinutes(2)).until(() -> names().stream().allMatch(EngineOutageIT::running));
  }

  @AfterAll
  static void stopEverything() throws Exception {
    if (agent != null) {
      agent.close();
    }
    if (engine != null) {
      try {
        engine.start(); // in case a failure left it down
        removeQuietly("rm", "--all", "--force", "--time", "2"); // a provider with members fails the first time
        removeQuietly("rm", "--all", "--force", "--time", "2");
        removeQuietly("network", "rm", "--force", network); // networks are host-wide: the engine's stop leaves them
      } finally {
        engine.stop();
      }
    }
    if (api != null) {
      api.close();
    }
  }

  @Test
  @Order(1)
  void theAgentOutlivesA20SecondEngineOutageSaysWhyAndRepairsWhenItIsBack() throws Exception {
    String w1 = stack + "-w1";
    long before = new ContainerRuns(api).pid(w1);

    engine.killService();
    long down = System.nanoTime();
    engine.podman("kill", w1);
    await().atMost(OUTAGE).pollInterval(Duration.ofMillis(200))
        .until(() -> !agent.alive() || unreachableLine().isPresent());
    assertThat(agent.alive()).as("the agent runs during the outage; its output:\n%s", agent.output()).isTrue();
    assertThat(unreachableLine()).as("a line about the unreachable engine in:\n%s", agent.output()).isPresent();
    Duration left = OUTAGE.minusNanos(System.nanoTime() - down);
    if (!left.isNegative()) {
      await().during(left).atMost(left.plusSeconds(5)).until(agent::alive);
    }

    engine.start();
    long back = System.nanoTime();
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
        .until(() -> !agent.alive() || restartedSince(w1, before));
    repair = Duration.ofNanos(System.nanoTime() - back);
    System.out.println("engine back -> " + w1 + " running again: " + repair.toMillis() + " ms; unreachable line: "
        + unreachableLine().orElse("-"));

    assertThat(agent.alive()).as("the agent runs after the outage; its output:\n%s", agent.output()).isTrue();
    assertThat(names()).allMatch(EngineOutageIT::running);
  }

  @Test
  @Order(2)
  void theRepairCameWithinFiveSecondsOfTheEnginesReturn() {
    assertThat(repair).as("measured by the test before; agent output:\n%s", agent.output()).isNotNull()
        .isLessThan(REPAIRED_WITHIN);
  }

  private static void removeQuietly(String... podmanArgs) {
    try {
      engine.podman(podmanArgs);
    } catch (IllegalStateException e) {
      System.err.println("cleaning up the outage engine: " + e.getMessage());
    }
  }

  /** The first line of the agent's output that says it cannot reach Podman. */
  private static Optional<String> unreachableLine() {
    return agent.output().lines().filter(l -> l.contains("cannot reach Podman")).findFirst();
  }

  private static List<String> names() {
    return List.of(stack + "-vpn", stack + "-member", stack + "-w1", stack + "-w2");
  }

  private static Optional<ObservedContainer> container(String name) {
    return api.listContainers().stream().filter(c -> c.name().equals(name)).findFirst();
  }

  private static boolean running(String name) {
    return container(name).filter(ObservedContainer::running).isPresent();
  }

  /** Running again, a run other than the one whose PID was {@code before}; false while Podman does not answer. */
  private static boolean restartedSince(String name, long before) {
    try {
      return new ContainerRuns(api).restartedSince(name, before);
    } catch (RuntimeException engineNotAnsweringYet) {
      return false;
    }
  }
}
