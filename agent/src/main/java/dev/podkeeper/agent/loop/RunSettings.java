package dev.podkeeper.agent.loop;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * How {@code podkeeper run} was started.
 *
 * @param env the process environment: NOTIFY_SOCKET, WATCHDOG_USEC, WATCHDOG_PID (tests pass their own)
 * @param noSystemd {@code --no-systemd}: units are not checked and do not block
 * @param adopt {@code --adopt NAME}: unmanaged containers of these names are replaced by the declared ones
 */
public record RunSettings(Path file, Duration resync, boolean allowEmpty, Path statusSocket,
    Map<String, String> env, long pid, boolean noSystemd, Set<String> adopt) {

  public RunSettings(Path file, Duration resync, boolean allowEmpty, Path statusSocket, Map<String, String> env,
      long pid, boolean noSystemd) {
    this(file, resync, allowEmpty, statusSocket, env, pid, noSystemd, Set.of());
  }

  public RunSettings(Path file, Duration resync, boolean allowEmpty, Path statusSocket, Map<String, String> env,
      long pid) {
    this(file, resync, allowEmpty, statusSocket, env, pid, false);
  }

  public RunSettings {
    file = requireNonNull(file, "file is null").toAbsolutePath().normalize();
    requireNonNull(resync, "resync is null");
    requireNonNull(statusSocket, "statusSocket is null");
    env = Map.copyOf(env);
    adopt = Set.copyOf(adopt);
  }
}
