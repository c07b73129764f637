package dev.podkeeper.agent.testing;

import dev.podkeeper.agent.plan.ContainerFingerprint;
import dev.podkeeper.agent.plan.EnvFileFacts;
import dev.podkeeper.agent.plan.ObservedWorld;
import dev.podkeeper.agent.plan.Redacted;
import dev.podkeeper.agent.plan.Resolution;
import dev.podkeeper.model.Labels;
import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.DirectorySpec;
import dev.podkeeper.model.desired.EnvFileSpec;
import dev.podkeeper.model.desired.FileMode;
import dev.podkeeper.model.desired.Ownership;
import dev.podkeeper.model.desired.UnitSpec;
import dev.podkeeper.model.desired.VolumeMount;
import dev.podkeeper.model.graph.DependencyGraph;
import dev.podkeeper.model.hash.SpecHasher;
import dev.podkeeper.model.observed.ContainerStatus;
import dev.podkeeper.model.observed.HealthStatus;
import dev.podkeeper.model.observed.ObservedContainer;
import dev.podkeeper.model.observed.ObservedNetwork;
import dev.podkeeper.model.observed.ObservedState;
import dev.podkeeper.model.observed.ObservedUnit;
import dev.podkeeper.model.port.HostFiles.PathAttributes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Observed worlds as plain data, for the planner's table: {@link #converged} is what a successful apply of
 * the file leaves behind; the other methods perturb it. Container env is the defaults plus the container's
 * own env: the planner only compares hashes, so env files need not be merged here.
 */
public final class WorldBuilder {
  public static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");

  private final DesiredState desired;
  private final Map<String, ObservedContainer> containers = new LinkedHashMap<>();
  private final Map<String, ObservedNetwork> networks = new LinkedHashMap<>();
  private final Map<Path, PathAttributes> paths = new HashMap<>();
  private final Map<Path, String> unreadable = new HashMap<>();
  private final Map<String, EnvFileFacts> envFiles = new HashMap<>();
  private final Map<String, Resolution<Redacted<Map<String, String>>>> env = new HashMap<>();
  private final Map<String, ObservedUnit> units = new LinkedHashMap<>();
  private Optional<String> unitsUnavailable = Optional.empty();

  private WorldBuilder(DesiredState desired) {
    this.desired = desired;
    desired.containers().values().forEach(c -> env.put(c.name(), Resolution.of(Redacted.of(mergedEnv(c)))));
    desired.envFiles().values().forEach(f -> envFiles.put(f.name(), new EnvFileFacts(
        Resolution.of(content(f)), Optional.empty())));
    desired.units().values().forEach(u -> units.put(u.name(), new ObservedUnit(u.name(), "loaded", "inactive", "dead",
        "disabled")));
  }

  /** Nothing exists yet: a fresh host. */
  public static WorldBuilder empty(DesiredState desired) {
    return new WorldBuilder(desired);
  }

  /** Everything as the file declares: planning against it must give an empty plan. */
  public static WorldBuilder converged(DesiredState desired) {
    WorldBuilder world = new WorldBuilder(desired);
    desired.networks().values().forEach(n -> world.networks.put(n.name(), new ObservedNetwork("net-" + n.name(),
        n.name(), Map.of(Labels.STACK, desired.stack(), Labels.SPEC_HASH, SpecHasher.networkHash(n)))));
    for (DirectorySpec d : desired.directories()) {
      world.directory(d.path(), d.owner().orElse(desired.defaults().owner()), d.mode().orElse(desired.defaults().mode()));
    }
    desired.containers().values().forEach(c -> c.volumes().stream().filter(VolumeMount::isBind)
        .forEach(v -> world.paths.putIfAbsent(Path.of(v.source()),
            new PathAttributes(true, desired.defaults().owner(), desired.defaults().mode()))));
    for (EnvFileSpec f : desired.envFiles().values()) {
      world.envFiles.put(f.name(), new EnvFileFacts(Resolution.of(content(f)), Optional.of(content(f))));
      world.paths.put(f.path(), new PathAttributes(false, new Ownership(0, 0), f.mode()));
    }
    for (UnitSpec u : desired.units().values()) {
      boolean active = u.state() == UnitSpec.UnitState.ACTIVE;
      world.unit(new ObservedUnit(u.name(), "loaded", active ? "active" : "inactive", active ? "running" : "dead",
          u.enabled().orElse(false) ? "enabled" : "disabled"));
    }
    int i = 0;
    for (String name : DependencyGraph.of(desired.containers()).topologicalOrder()) {
      world.running(desired.containers().get(name), "id-" + name, T0.plusSeconds(i++));
    }
    return world;
  }

  public static Map<String, String> mergedEnv(ContainerSpec spec) {
    Map<String, String> merged = new LinkedHashMap<>(Map.of("TZ", "UTC"));
    merged.putAll(spec.env());
    return merged;
  }

  /** A running managed container made from {@code spec}, in its provider's namespace if it joins one. */
  public WorldBuilder running(ContainerSpec spec, String id, Instant startedAt) {
    Optional<String> providerId = spec.namespaceProvider().map(p -> containers.get(p).id());
    Map<String, String> labels =
        ContainerFingerprint.resolve(spec, mergedEnv(spec), providerId, desired.stack()).labels();
    String namespace = spec.namespaceProvider().map(p -> containers.get(p).networkNamespace().get())
        .orElse("net:[" + id + "]");
    return add(new ObservedContainer(id, spec.name(), spec.image(), labels, ContainerStatus.RUNNING,
        spec.health().isPresent() ? HealthStatus.HEALTHY : HealthStatus.NONE, Optional.of(startedAt), providerId,
        Optional.of(namespace)));
  }

  public WorldBuilder add(ObservedContainer container) {
    containers.put(container.name(), container);
    return this;
  }

  public WorldBuilder container(String name, UnaryOperator<ObservedContainer> change) {
    containers.put(name, change.apply(containers.get(name)));
    return this;
  }

  public WorldBuilder withoutContainer(String name) {
    containers.remove(name);
    return this;
  }

  public WorldBuilder network(ObservedNetwork network) {
    networks.put(network.name(), network);
    return this;
  }

  public WorldBuilder withoutNetwork(String name) {
    networks.remove(name);
    return this;
  }

  public WorldBuilder directory(Path path, Ownership owner, FileMode mode) {
    paths.put(path, new PathAttributes(true, owner, mode));
    return this;
  }

  public WorldBuilder withoutPath(Path path) {
    paths.remove(path);
    return this;
  }

  /** A path the observer could not look at (e.g. "permission denied"): neither present nor missing. */
  public WorldBuilder unreadable(Path path, String why) {
    paths.remove(path);
    unreadable.put(path, why);
    return this;
  }

  public WorldBuilder envFile(String name, EnvFileFacts facts) {
    envFiles.put(name, facts);
    return this;
  }

  public WorldBuilder env(String container, Resolution<Redacted<Map<String, String>>> resolution) {
    env.put(container, resolution);
    return this;
  }

  public WorldBuilder unit(ObservedUnit unit) {
    units.put(unit.name(), unit);
    return this;
  }

  public WorldBuilder unitsUnavailable(String reason) {
    units.clear();
    unitsUnavailable = Optional.of(reason);
    return this;
  }

  public ObservedWorld build() {
    return new ObservedWorld(new ObservedState(containers.values().stream().toList(), networks.values().stream().toList(),
        units), unitsUnavailable, paths, unreadable, envFiles, env, Redacted.of(Set.of(Stacks.SECRET)));
  }

  /** Stands for the rendered file: the planner only compares bytes. */
  public static Redacted<byte[]> content(EnvFileSpec file) {
    return Redacted.of(("rendered " + file.name()).getBytes(StandardCharsets.UTF_8));
  }
}
