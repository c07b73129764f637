package dev.podkeeper.model.desired;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One desired-state file, parsed and validated. Maps keep the file's order (the parser builds them as
 * {@link java.util.LinkedHashMap}s) so that plans and logs follow the order the user wrote.
 *
 * @param source the file this came from, for messages
 */
public record DesiredState(
    Path source,
    String stack,
    Defaults defaults,
    Map<String, NetworkSpec> networks,
    List<DirectorySpec> directories,
    Map<String, EnvFileSpec> envFiles,
    Map<String, UnitSpec> units,
    Map<String, ContainerSpec> containers,
    ProxySpec proxy) {

  public DesiredState {
    requireNonNull(source, "source is null");
    requireNonNull(stack, "stack is null");
    requireNonNull(defaults, "defaults is null");
    networks = Collections2.orderedCopy(networks);
    directories = List.copyOf(directories);
    envFiles = Collections2.orderedCopy(envFiles);
    units = Collections2.orderedCopy(units);
    containers = Collections2.orderedCopy(containers);
    requireNonNull(proxy, "proxy is null");
  }

  /** A state without a reverse proxy or routes. */
  public DesiredState(Path source, String stack, Defaults defaults, Map<String, NetworkSpec> networks,
      List<DirectorySpec> directories, Map<String, EnvFileSpec> envFiles, Map<String, UnitSpec> units,
      Map<String, ContainerSpec> containers) {
    this(source, stack, defaults, networks, directories, envFiles, units, containers, ProxySpec.NONE);
  }
}
