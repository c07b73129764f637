package dev.podkeeper.agent.observe;

import dev.podkeeper.agent.plan.Adoption;
import dev.podkeeper.agent.plan.ObservedWorld;
import dev.podkeeper.agent.plan.Redacted;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.DirectorySpec;
import dev.podkeeper.model.desired.EnvFileSpec;
import dev.podkeeper.model.desired.VolumeMount;
import dev.podkeeper.model.observed.ObservedState;
import dev.podkeeper.model.observed.ObservedUnit;
import dev.podkeeper.model.port.ContainerEngine;
import dev.podkeeper.model.port.HostFiles;
import dev.podkeeper.model.port.HostFiles.PathAttributes;
import dev.podkeeper.model.port.UnitException;
import dev.podkeeper.model.port.UnitManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the whole world a pass decides on: two engine list calls (whatever the stack's size), or in the agent
 * the kept picture of the engine ({@link EnginePicture}), one unit query, and the host paths and files the
 * desired state names.
 */
public final class WorldObserver {
  private final ContainerEngine engine;
  private final UnitManager units;
  private final HostFiles files;
  private final EnginePicture picture;

  public WorldObserver(ContainerEngine engine, UnitManager units, HostFiles files) {
    this(engine, units, files, EnginePicture.alwaysList());
  }

  /** @param picture the engine kept between passes ({@code run}), or none ({@link EnginePicture#alwaysList()}) */
  public WorldObserver(ContainerEngine engine, UnitManager units, HostFiles files, EnginePicture picture) {
    this.engine = engine;
    this.units = units;
    this.files = files;
    this.picture = picture;
  }

  /** The next observation lists the engine afresh (podkeeper changed it, or a plan must not rest on the picture). */
  public void forgetPicture() {
    picture.forget();
  }

  /** The engine's call count so far (the executor shares the engine), for the pass summary. */
  public long engineCalls() {
    return engine.callCount();
  }

  /** @throws dev.podkeeper.model.port.EngineException if the engine cannot be listed: then nothing can be decided */
  public ObservedWorld observe(DesiredState desired) {
    return observe(desired, true);
  }

  /** @param checkUnits false under {@code --no-systemd}: the units are not asked about */
  public ObservedWorld observe(DesiredState desired, boolean checkUnits) {
    return observe(desired, checkUnits, false).world();
  }

  /** A fresh look, with the containers to be adopted inspected (see {@link #observe(DesiredState, boolean, boolean, Set)}). */
  public ObservedWorld observe(DesiredState desired, boolean checkUnits, Set<String> adopt) {
    return observe(desired, checkUnits, false, adopt).world();
  }

  /**
   * @param mayUsePicture whether the engine may be seen through the kept picture: only the containers events
   *     touched are asked about
   */
  public Observation observe(DesiredState desired, boolean checkUnits, boolean mayUsePicture) {
    return observe(desired, checkUnits, mayUsePicture, Set.of());
  }

  /**
   * @param adopt {@code --adopt}: the containers to be adopted are inspected (one call each, only while they are
   *     still unmanaged), since only inspect says whose namespace a hand-made container joined, and a provider
   *     can be removed only after its members
   */
  public Observation observe(DesiredState desired, boolean checkUnits, boolean mayUsePicture, Set<String> adopt) {
    EnginePicture.Sight sight = picture.look(engine, mayUsePicture);
    var containers = sight.containers().stream()
        .map(c -> Adoption.adopts(adopt, c) && desired.containers().containsKey(c.name())
            ? c.withNamespaceProvider(engine.containerDetails(c.id()).namespaceProviderId()) : c)
        .toList();
    Map<String, ObservedUnit> observedUnits = Map.of();
    Optional<String> unitsUnavailable = Optional.empty();
    if (checkUnits && !desired.units().isEmpty()) {
      try {
        observedUnits = units.observe(desired.units().keySet());
      } catch (UnitException e) {
        unitsUnavailable = Optional.of(e.getMessage());
      }
    }
    EnvResolver env = new EnvResolver(files);
    var envFiles = env.envFiles(desired);
    var containerEnv = env.containerEnv(desired);
    Map<Path, String> unreadable = new HashMap<>();
    return new Observation(new ObservedWorld(new ObservedState(containers, sight.networks(), observedUnits),
        unitsUnavailable, paths(desired, unreadable), unreadable, envFiles, containerEnv,
        Redacted.of(env.secretValues())), sight.fromPicture());
  }

  /** @param fromPicture the engine's part came from the kept picture, not from a fresh list */
  public record Observation(ObservedWorld world, boolean fromPicture) {}

  /** @param unreadable filled with the paths that could not be looked at, and why */
  private Map<Path, PathAttributes> paths(DesiredState desired, Map<Path, String> unreadable) {
    Set<Path> wanted = new LinkedHashSet<>();
    desired.directories().stream().map(DirectorySpec::path).forEach(wanted::add);
    desired.envFiles().values().stream().map(EnvFileSpec::path).forEach(wanted::add);
    desired.containers().values().forEach(c -> c.volumes().stream().filter(VolumeMount::isBind)
        .forEach(v -> wanted.add(Path.of(v.source()))));
    Map<Path, PathAttributes> found = new HashMap<>();
    for (Path path : wanted) {
      try {
        files.attributes(path).ifPresent(a -> found.put(path, a));
      } catch (IOException e) {
        // Not "missing": a permission problem or a symbolic link is reported as what it is.
        unreadable.put(path, IoWords.of(e));
      }
    }
    return found;
  }
}
