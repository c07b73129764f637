package dev.podkeeper.it.reliability;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podkeeper.it.AgentCommand;
import dev.podkeeper.it.PodmanEngineFixture;
import dev.podkeeper.model.Labels;
import dev.podkeeper.model.observed.ObservedContainer;
import dev.podkeeper.podman.PodmanEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random moments: 30 rounds, each writes a changed stack (containers added, removed, their spec
 * changed, namespace providers recreated with their members) and starts {@code podkeeper run} or
 * {@code apply}, then kills it with SIGKILL, at a random time or just after its first action began. Then
 * one {@code apply} must converge, and leave: every container it made labelled, none twice, none missing,
 * none of another round left over, and every host directory with the file a user had put in it.
 *
 * <p>The rounds come from one seed, printed at the start; {@code -Dcrash.seed=N} replays a run.
 */
class CrashConsistencyIT {
  private static final int ROUNDS = 30;
  private static final List<String> WORKERS = List.of("w1", "w2", "w3", "w4");
  private static final List<String> MEMBERS = List.of("m1", "m2");
  private static final String MARKER = "user-data.txt";

  @TempDir static Path directory;
  private static PodmanEngineFixture.Engine podman;
  private static PodmanEngine api;
  private static Set<String> containersBefore;
  private static String stack;
  private static String network;
  private static String subnet;
  private static Path hostRoot;
  private static AgentCommand current;

  @BeforeAll
  static void engine() throws IOException {
    podman = PodmanEngineFixture.get();
    api = new PodmanEngine(podman.socket());
    containersBefore = api.listContainers().stream().map(ObservedContainer::id).collect(Collectors.toSet());
    stack = podman.uniqueName("crash");
    network = stack + "-net";
    subnet = podman.randomSubnet();
    hostRoot = Files.createDirectories(directory.toRealPath().resolve("host"));
  }

  @AfterAll
  static void removeEverything() throws Exception {
    if (current != null) {
      current.close();
    }
    if (api == null) {
      return;
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

  @Test
  void killedAtRandomMomentsOneApplyStillConvergesAndNothingIsLostOrLeftOver() throws Exception {
    long seed = Long.getLong("crash.seed", System.nanoTime());
    System.out.println("CrashConsistencyIT seed " + seed + " (replay with -Dcrash.seed=" + seed + ")");
    Random random = new Random(seed);
    Path file = directory.resolve("stack.yaml");
    List<String> markers = placeMarkers();
    List<String> rounds = new ArrayList<>();
    Map<String, String> env = new LinkedHashMap<>();

    for (int round = 1; round <= ROUNDS; round++) {
      write(file, stack(random, env).yaml());
      boolean run = random.nextBoolean();
      Path log = directory.resolve("round-" + round + ".log");
      current = run
          ? AgentCommand.start(log, "run", file, podman.socket(), "--status-socket", directory.resolve("status.sock").toString())
          : AgentCommand.start(log, "apply", file, podman.socket());
      // A third of the kills land anywhere from the start (the JVM alone takes a second or more), two thirds
      // once the pass is acting: right after its first action, or up to 1.8 s later. A round may find nothing
      // to do (the round before converged to what this one declares, give or take a dependsOn): then its
      // first pass ends with no action at all, and a run stays up, idle, until the kill.
      int when = random.nextInt(3);
      if (when == 0) {
        current.exitsWithin(Duration.ofMillis(random.nextInt(4000)));
      } else {
        AgentCommand command = current;
        try {
          await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
              .until(() -> actedOrPassEnded(command.output()) || !command.alive());
        } catch (ConditionTimeoutException e) {
          throw new AssertionError("round " + round + " neither acted nor ended a pass in 30 s; seed " + seed
              + ", rounds " + rounds + "\n---- its output ----\n" + command.output(), e);
        }
        current.exitsWithin(Duration.ofMillis(when == 1 ? random.nextInt(300) : 300 + random.nextInt(1500)));
      }
      boolean exited = !current.alive();
      current.kill9();
      rounds.add(round + ":" + (run ? "run" : "apply") + List.of("/anytime", "/first-action", "/later").get(when)
          + (exited ? " exited " + current.exitCode() : " killed after " + actions(current.output()) + " actions"));
    }
    System.out.println("rounds: " + rounds);

    Stack last = stack(random, env);
    write(file, last.yaml());
    Path finalLog = directory.resolve("final-apply.log");
    current = AgentCommand.start(finalLog, "apply", file, podman.socket());
    assertThat(current.exitsWithin(Duration.ofSeconds(120))).as("the final apply ends").isTrue();
    String context = "seed " + seed + ", rounds " + rounds + "\n---- final apply ----\n" + current.output();
    assertThat(current.exitCode()).as("the final apply converges; %s", context).isZero();

    List<ObservedContainer> made = api.listContainers().stream().filter(c -> !containersBefore.contains(c.id())).toList();
    assertThat(made).as("containers made by this test; %s", context)
        .allSatisfy(c -> assertThat(c.labels()).containsEntry(Labels.STACK, stack));
    assertThat(made).extracting(ObservedContainer::name).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(last.names());
    assertThat(made).as("running; %s", context).allMatch(ObservedContainer::running);
    ObservedContainer vpn = made.stream().filter(c -> c.name().equals(stack + "-vpn")).findFirst().orElse(null);
    assertThat(made).filteredOn(c -> c.namespaceProviderId().isPresent()).allSatisfy(member -> {
      assertThat(vpn).as("the provider of %s", member.name()).isNotNull();
      assertThat(member.namespaceProviderId()).contains(vpn.id());
      assertThat(member.networkNamespace()).isEqualTo(vpn.networkNamespace());
    });
    assertThat(api.listNetworks()).filteredOn(n -> stack.equals(n.labels().get(Labels.STACK)))
        .extracting(n -> n.name()).containsExactly(network);
    for (String marker : markers) {
      assertThat(Path.of(marker)).as("a user's file in a host directory").hasContent(marker);
    }

    AgentCommand plan = AgentCommand.start(directory.resolve("plan.log"), "plan", file, podman.socket(),
        "--detailed-exitcode");
    assertThat(plan.exitsWithin(Duration.ofSeconds(60))).isTrue();
    assertThat(plan.exitCode()).as("plan after the final apply: %s", plan.output()).isZero();
  }

  /** The host directories any round may name, each with a file a user put there, before any round runs. */
  private static List<String> placeMarkers() throws IOException {
    List<String> markers = new ArrayList<>();
    List<String> dirs = new ArrayList<>(List.of("shared"));
    dirs.addAll(WORKERS);
    for (String dir : dirs) {
      Path marker = Files.createDirectories(hostRoot.resolve(dir)).resolve(MARKER);
      Files.writeString(marker, marker.toString());
      markers.add(marker.toString());
    }
    return markers;
  }

  /** The file of one round, and the container names it declares. */
  private record Stack(String yaml, List<String> names) {}

  /**
   * A provider ({@code vpn}) most of the time, with up to two members in its namespace; up to four workers
   * on the bridge, some depending on earlier ones, each with its host directory. A changed {@code ROUND}
   * value is a changed spec: that container is recreated (a provider takes its members along).
   */
  private static Stack stack(Random random, Map<String, String> env) {
    List<String> names = new ArrayList<>();
    StringBuilder containers = new StringBuilder();
    StringBuilder directories = new StringBuilder("  - path: " + hostRoot.resolve("shared") + "\n");
    boolean vpn = random.nextInt(5) != 0;
    if (vpn) {
      containers.append(container("vpn", "network: " + network, random, env));
      names.add(stack + "-vpn");
      for (String member : MEMBERS) {
        if (random.nextInt(3) != 0) {
          containers.append(container(member, "network: container:" + stack + "-vpn", random, env));
          names.add(stack + "-" + member);
        }
      }
    }
    List<String> workers = new ArrayList<>();
    for (String worker : WORKERS) {
      if (random.nextInt(4) != 0 || names.isEmpty() && workers.isEmpty() && worker.equals("w4")) {
        List<String> after = workers.stream().filter(w -> random.nextInt(3) == 0).map(w -> stack + "-" + w).toList();
        Path dir = hostRoot.resolve(worker);
        containers.append(container(worker, "network: " + network + "\n    volumes: [" + dir + ":/data]"
            + (after.isEmpty() ? "" : "\n    dependsOn: [" + String.join(", ", after) + "]"), random, env));
        if (random.nextBoolean()) {
          directories.append("  - path: ").append(dir).append('\n');
        }
        workers.add(worker);
        names.add(stack + "-" + worker);
      }
    }
    String yaml = """
        version: 1
        stack: %s
        networks:
          %s:
            subnet: %s
        directories:
        %scontainers:
        %s""".formatted(stack, network, subnet, directories, containers);
    return new Stack(yaml, names);
  }

  /** A container of the test image; its ROUND value changes now and then, which changes its spec. */
  private static String container(String name, String body, Random random, Map<String, String> env) {
    if (!env.containsKey(name) || random.nextInt(10) < 3) {
      env.put(name, Integer.toString(random.nextInt(1_000_000)));
    }
    return "  " + stack + "-" + name + ":\n    image: " + PodmanEngineFixture.TEST_IMAGE + "\n    " + body
        + "\n    env: { ROUND: \"" + env.get(name) + "\" }\n";
  }

  private static void write(Path file, String yaml) throws IOException {
    Path temp = file.resolveSibling(".stack.yaml.tmp");
    Files.writeString(temp, yaml);
    Files.move(temp, file, ATOMIC_MOVE);
  }

  /** An action line (written as the action ends) or a pass's summary line, which every first pass has. */
  private static boolean actedOrPassEnded(String output) {
    return output.contains(" action=") || output.contains(" converged=");
  }

  private static long actions(String output) {
    return output.lines().filter(l -> l.contains(" action=")).count();
  }
}
