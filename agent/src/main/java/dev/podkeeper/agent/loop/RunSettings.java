package dev.podkeeper.agent.loop;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How {@code podkeeper run} was started.
 *
 * @param env the process environment: NOTIFY_SOCKET, WATCHDOG_USEC, WATCHDOG_PID (tests pass their own)
 * @param noSystemd {@code --no-systemd}: units are not checked and do not block
 */
public record RunSettings(Path file, Duration resync, boolean allowEmpty, Path statusSocket,
    Map<String, String> env, long pid, boolean noSystemd) {

  public RunSettings(Path file, Duration resync, boolean allowEmpty, Path statusSocket, Map<String, String> env,
      long pid) {
    this(file, resync, allowEmpty, statusSocket, env, pid, false);
  }

  public RunSettings {
    file = requireNonNull(file, "file is null").toAbsolutePath().normalize();
    requireNonNull(resync, "resync is null");
    requireNonNull(statusSocket, "statusSocket is null");
    env = Map.copyOf(env);
  }
}
