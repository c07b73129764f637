package dev.podkeeper.agent.plan;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.model.observed.ObservedState;
import dev.podkeeper.model.port.HostFiles.PathAttributes;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the planner decides on, read before planning so that the planner itself does no I/O: the
 * engine's lists and the units, plus the host facts the file refers to.
 *
 * @param unitsUnavailable why the units could not be observed (systemd unreachable); then {@code engine.units()} is empty
 * @param paths attributes of the existing paths among listed directories, bind-mount sources and env files;
 *     a path that was looked up and is absent is missing, unless it is in {@code unreadablePaths}
 * @param unreadablePaths paths that could not be looked at, with why (e.g. "permission denied", "is a
 *     symbolic link"): they are not missing, and nothing is created in their place
 * @param envFiles by env file name
 * @param containerEnv each container's merged env (defaults, env files in order, its own), by container name
 * @param secretValues every value read from a secret file, so that they can be scrubbed from error texts
 */
public record ObservedWorld(
    ObservedState engine,
    Optional<String> unitsUnavailable,
    Map<Path, PathAttributes> paths,
    Map<Path, String> unreadablePaths,
    Map<String, EnvFileFacts> envFiles,
    Map<String, Resolution<Redacted<Map<String, String>>>> containerEnv,
    Redacted<Set<String>> secretValues) {

  public ObservedWorld {
    requireNonNull(engine, "engine is null");
    requireNonNull(unitsUnavailable, "unitsUnavailable is null");
    paths = Map.copyOf(paths);
    unreadablePaths = Map.copyOf(unreadablePaths);
    envFiles = Map.copyOf(envFiles);
    containerEnv = Map.copyOf(containerEnv);
    requireNonNull(secretValues, "secretValues is null");
  }

  /** A world in which every path could be looked at. */
  public ObservedWorld(ObservedState engine, Optional<String> unitsUnavailable, Map<Path, PathAttributes> paths,
      Map<String, EnvFileFacts> envFiles, Map<String, Resolution<Redacted<Map<String, String>>>> containerEnv,
      Redacted<Set<String>> secretValues) {
    this(engine, unitsUnavailable, paths, Map.of(), envFiles, containerEnv, secretValues);
  }

  public Optional<PathAttributes> attributes(Path path) {
    return Optional.ofNullable(paths.get(path));
  }

  /** Why the path could not be looked at, if it could not. */
  public Optional<String> unreadable(Path path) {
    return Optional.ofNullable(unreadablePaths.get(path));
  }

  /** The merged env of a container; a container the reader did not resolve is a caller bug. */
  public Resolution<Redacted<Map<String, String>>> envOf(String container) {
    Resolution<Redacted<Map<String, String>>> env = containerEnv.get(container);
    if (env == null) {
      throw new IllegalArgumentException("the env of " + container + " was not resolved before planning");
    }
    return env;
  }
}
