package dev.podkeeper.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The 429s of each registry host: until the time its {@code Retry-After} names, that host is not asked again
 * (Docker Hub counts every request against the pull limit, and a client that keeps asking stays limited).
 */
final class RateLimits {
  /** When a 429 comes without a usable Retry-After. */
  static final Duration DEFAULT_WAIT = Duration.ofMinutes(5);
  /** A registry's Retry-After is believed up to this; a longer one is most likely a mistake of the registry. */
  private static final Duration LONGEST_WAIT = Duration.ofHours(6);

  private final Clock clock;
  private final Map<String, Instant> until = new ConcurrentHashMap<>();

  RateLimits(Clock clock) {
    this.clock = clock;
  }

  Optional<Instant> limitedUntil(String host) {
    Instant end = until.get(host);
    if (end != null && clock.instant().isBefore(end)) {
      return Optional.of(end);
    }
    until.remove(host, end);
    return Optional.empty();
  }

  /** A 429 from the host; the time before which it is not asked again. */
  Instant limited(String host, String retryAfter) {
    Instant now = clock.instant();
    Duration wait = wait(retryAfter, now);
    wait = wait.isNegative() || wait.isZero() ? DEFAULT_WAIT : wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    Instant end = now.plus(wait);
    until.put(host, end);
    return end;
  }

  /** Retry-After is seconds or an HTTP date (RFC 9110 10.2.3). */
  private static Duration wait(String retryAfter, Instant now) {
    if (retryAfter == null || retryAfter.isBlank()) {
      return DEFAULT_WAIT;
    }
    String value = retryAfter.strip();
    if (value.chars().allMatch(Character::isDigit) && value.length() <= 9) {
      return Duration.ofSeconds(Long.parseLong(value));
    }
    try {
      return Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return DEFAULT_WAIT;
    }
  }
}
