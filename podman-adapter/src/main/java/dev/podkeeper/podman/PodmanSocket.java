package dev.podkeeper.podman;

import java.util.Map;
import java.util.Optional;

/** Where the Podman API socket is: the {@code --podman-socket} option, else the environment, else the default. */
public final class PodmanSocket {
  public static final String DEFAULT = "unix:///run/podman/podman.sock";

  private PodmanSocket() {}

  /** @param cliOption the {@code --podman-socket} value, or null/blank when not given */
  public static String resolve(String cliOption) {
    return resolve(cliOption, System.getenv());
  }

  /** As {@link #resolve(String)}, reading {@code CONTAINER_HOST} and {@code DOCKER_HOST} from {@code env}. */
  public static String resolve(String cliOption, Map<String, String> env) {
    String socket = nonBlank(cliOption)
        .or(() -> nonBlank(env.get("CONTAINER_HOST")))
        .or(() -> nonBlank(env.get("DOCKER_HOST")))
        .orElse(DEFAULT);
    // A bare path is what people paste from `podman info`; the client needs a URI.
    return socket.startsWith("/") ? "unix://" + socket : socket;
  }

  private static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }
}
