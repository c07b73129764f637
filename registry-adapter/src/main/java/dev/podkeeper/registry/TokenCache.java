package dev.podkeeper.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens by registry host and repository (a token's scope is one repository's pull), kept until shortly
 * before they expire, so a check of an unchanged tag costs one HEAD and no token request.
 */
final class TokenCache {
  /** The Docker token spec's default lifetime, when the answer names none. */
  private static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);
  private static final Duration MARGIN = Duration.ofSeconds(10);

  private record Token(String value, Instant expires) {}

  private final Clock clock;
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();

  TokenCache(Clock clock) {
    this.clock = clock;
  }

  Optional<String> get(String host, String repository) {
    Token token = tokens.get(host + "/" + repository);
    return token != null && clock.instant().isBefore(token.expires()) ? Optional.of(token.value()) : Optional.empty();
  }

  void put(String host, String repository, String value, Optional<Duration> lifetime) {
    Duration kept = lifetime.orElse(DEFAULT_LIFETIME).minus(MARGIN);
    if (!kept.isNegative() && !kept.isZero()) {
      tokens.put(host + "/" + repository, new Token(value, clock.instant().plus(kept)));
    }
  }

  void forget(String host, String repository) {
    tokens.remove(host + "/" + repository);
  }
}
