package dev.podkeeper.model.desired;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/** A health check as Docker and Podman take it; {@code test} starts with CMD, CMD-SHELL or NONE. */
public record HealthCheck(List<String> test, Duration interval, Duration timeout, int retries, Duration startPeriod) {
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_RETRIES = 3;

  public HealthCheck {
    test = List.copyOf(test);
    requireNonNull(interval, "interval is null");
    requireNonNull(timeout, "timeout is null");
    requireNonNull(startPeriod, "startPeriod is null");
  }
}
