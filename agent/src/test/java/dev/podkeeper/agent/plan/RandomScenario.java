package dev.podkeeper.agent.plan;

import dev.podkeeper.agent.testing.Harness;
import dev.podkeeper.model.Labels;
import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.Defaults;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.HealthCheck;
import dev.podkeeper.model.desired.NetworkAttachment;
import dev.podkeeper.model.desired.NetworkSpec;
import dev.podkeeper.model.desired.VolumeMount;
import dev.podkeeper.model.observed.ObservedContainer;
import dev.podkeeper.model.port.EngineException;
import dev.podkeeper.model.testing.FakeContainerEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * A random desired stack and a random engine to reconcile it on, both from one seed: the engine is what an
 * earlier, different file of the same stack left (so containers are missing, drifted or orphaned), then
 * disturbed behind podkeeper's back (containers killed, removed, providers restarted, names taken by
 * containers podkeeper does not manage, unrelated unmanaged containers and networks around).
 */
final class RandomScenario {
  static final String STACK = "st";
  static final List<String> IMAGES = List.of("localhost/img:1", "localhost/img:2");
  private static final int NAMES = 8;
  private static final HealthCheck HEALTH = new HealthCheck(List.of("CMD-SHELL", "true"), Duration.ofSeconds(5),
      Duration.ofSeconds(2), 2, Duration.ZERO);

  final long seed;
  /** Whether the two files may declare different networks (some removed, some with another spec). */
  final boolean networksChange;
  final DesiredState previous;
  final DesiredState desired;
  /** Desired names taken by a container without this stack's label. */
  final Set<String> clashes = new LinkedHashSet<>();
  /** What was done to the engine after the previous file was applied, for the report. */
  final List<String> disturbances = new ArrayList<>();
  private final Random random;

  RandomScenario(long seed, boolean networksChange) {
    this.seed = seed;
    this.networksChange = networksChange;
    this.random = new Random(seed);
    this.previous = stack();
    this.desired = stack();
  }

  /** Applies the previous file on a fresh harness, then disturbs the engine; returns the harness. */
  Harness prepare() throws InterruptedException {
    Harness harness = new Harness();
    IMAGES.forEach(harness.engine::withImage);
    harness.engine.withImage("localhost/theirs:1");
    if (!harness.apply(previous).converged()) {
      throw new AssertionError("the previous file did not converge on an empty engine:\n" + harness.log());
    }
    disturb(harness);
    return harness;
  }

  private DesiredState stack() {
    Map<String, NetworkSpec> networks = new LinkedHashMap<>();
    int networkCount = networksChange ? 1 + random.nextInt(2) : 2;
    for (int n = 0; n < networkCount; n++) {
      boolean dns = !networksChange || random.nextInt(4) != 0;
      networks.put("net" + n, new NetworkSpec("net" + n, Optional.empty(), Optional.empty(), dns));
    }
    List<Integer> chosen = new ArrayList<>();
    for (int i = 0; i < NAMES; i++) {
      if (random.nextInt(3) != 0) {
        chosen.add(i);
      }
    }
    if (chosen.isEmpty()) {
      chosen.add(random.nextInt(NAMES));
    }
    Map<String, ContainerSpec> specs = new LinkedHashMap<>();
    for (int i : chosen) {
      specs.put("c" + i, container(i, specs, networks.size()));
    }
    // File order is not dependency order: the planner must sort.
    List<ContainerSpec> shuffled = new ArrayList<>(specs.values());
    Collections.shuffle(shuffled, random);
    Map<String, ContainerSpec> containers = new LinkedHashMap<>();
    shuffled.forEach(c -> containers.put(c.name(), c));
    return new DesiredState(Path.of("/etc/podkeeper/st.yaml"), STACK, Defaults.NONE, networks, List.of(), Map.of(),
        Map.of(), containers);
  }

  /** Container {@code ci}, depending only on containers with a lower index: the graph is a DAG. */
  private ContainerSpec container(int i, Map<String, ContainerSpec> earlier, int networks) {
    List<String> providers = earlier.values().stream().filter(c -> c.namespaceProvider().isEmpty())
        .map(ContainerSpec::name).toList();
    NetworkAttachment network = !providers.isEmpty() && random.nextInt(10) < 3
        ? new NetworkAttachment.ContainerNamespace(providers.get(random.nextInt(providers.size())))
        : new NetworkAttachment.Bridge("net" + random.nextInt(networks));
    List<String> dependsOn = earlier.keySet().stream().filter(e -> random.nextInt(4) == 0).toList();
    return ContainerSpec.builder("c" + i, IMAGES.get(random.nextInt(5) == 0 ? 1 : 0), network)
        .env(random.nextInt(5) == 0 ? Map.of("V", "2") : Map.of("V", "1"))
        .health(random.nextInt(5) == 0 ? Optional.of(HEALTH) : Optional.empty())
        .volumes(random.nextInt(5) == 0 ? List.of(new VolumeMount("/srv/st/c" + i, "/data", false)) : List.of())
        .dependsOn(dependsOn)
        .build();
  }

  private void disturb(Harness harness) {
    FakeContainerEngine engine = harness.engine;
    harness.clock.advance(Duration.ofMinutes(1));
    for (ObservedContainer c : engine.listContainers()) {
      int roll = random.nextInt(20);
      if (engine.find(c.name()).isEmpty()) {
        continue; // removed with its provider
      }
      if (roll < 3) {
        engine.kill(c.name());
        disturbances.add("killed " + c.name());
      } else if (roll < 5) {
        removeWithMembers(engine, c.name());
      } else if (roll < 8 && engine.listContainers().stream()
          .anyMatch(m -> m.namespaceProviderId().filter(c.id()::equals).isPresent())) {
        engine.restart(c.name());
        disturbances.add("restarted provider " + c.name());
      }
    }
    // Name clashes only while networks stay: a clash may rightly keep an old container on a network that
    // the file removes, and then the network's removal fails too; that is not what this scenario checks.
    for (String name : networksChange ? List.<String>of() : desired.containers().keySet()) {
      if (random.nextInt(8) == 0) {
        removeWithMembers(engine, name);
        boolean otherStack = random.nextBoolean();
        engine.addUnmanaged(name, "localhost/theirs:1", otherStack ? Map.of(Labels.STACK, "other") : Map.of());
        clashes.add(name);
        disturbances.add("name " + name + " taken by an unmanaged container" + (otherStack ? " of stack other" : ""));
      }
    }
    for (int k = random.nextInt(3); k > 0; k--) {
      engine.addUnmanaged("other-" + k, "localhost/theirs:1", k == 1 ? Map.of() : Map.of(Labels.STACK, "other"));
      disturbances.add("unmanaged container other-" + k);
    }
    if (random.nextBoolean()) {
      engine.createNetwork(new NetworkSpec("other-net", Optional.empty(), Optional.empty(), true), Map.of());
      disturbances.add("unmanaged network other-net");
    }
  }

  /** Removes a container and (first) the containers in its namespace, as far as the fake allows. */
  private void removeWithMembers(FakeContainerEngine engine, String name) {
    Optional<ObservedContainer> target = engine.find(name);
    if (target.isEmpty()) {
      return;
    }
    for (ObservedContainer m : engine.listContainers()) {
      if (m.namespaceProviderId().filter(target.get().id()::equals).isPresent()) {
        engine.removeContainer(m.id());
        disturbances.add("removed " + m.name());
      }
    }
    try {
      engine.removeContainer(target.get().id());
      disturbances.add("removed " + name);
    } catch (EngineException e) {
      throw new AssertionError("could not remove " + name + " to set the scenario up", e);
    }
  }

  @Override
  public String toString() {
    return "seed " + seed + (networksChange ? ", networks change" : "") + "\nprevious: " + describe(previous) + "\ndesired:  " + describe(desired)
        + "\ndisturbed: " + disturbances;
  }

  private static String describe(DesiredState state) {
    StringBuilder text = new StringBuilder();
    state.networks().values().forEach(n -> text.append(n.name()).append(n.dns() ? "" : "(no dns)").append(' '));
    state.containers().values().forEach(c -> text.append("| ").append(c.name()).append(": ").append(c.network())
        .append(c.dependsOn().isEmpty() ? "" : " after " + c.dependsOn())
        .append(c.image().endsWith(":2") ? " img2" : "").append(c.env().get("V").equals("2") ? " V2" : "")
        .append(c.health().isPresent() ? " health" : "").append(c.volumes().isEmpty() ? "" : " bind").append(' '));
    return text.toString();
  }
}
