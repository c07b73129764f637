package dev.podkeeper.podman;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How long {@link PodmanEngine} waits for Podman, so that no call blocks for ever.
 *
 * @param call the response timeout of every ordinary call: the longest Podman may stay silent. It must
 *     outlast a stop that waits a container's whole stop timeout, and a health check's own timeout.
 * @param pull the longest a whole pull may take, progress or not (a stuck registry keeps a pull alive)
 * @param subscribe the longest an event subscription may wait for Podman's first answer; the stream itself
 *     then has no deadline, since it is silent for as long as nothing happens
 */
public record PodmanTimeouts(Duration call, Duration pull, Duration subscribe) {
  public static final PodmanTimeouts DEFAULT =
      new PodmanTimeouts(Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofSeconds(30));

  public PodmanTimeouts {
    positive(call, "call");
    positive(pull, "pull");
    positive(subscribe, "subscribe");
  }

  private static void positive(Duration value, String name) {
    requireNonNull(value, name + " is null");
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
