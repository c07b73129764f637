package dev.podkeeper.agent.execute;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Replaces secret values in error texts. Nothing podkeeper writes quotes env values, but an engine's or a
 * system's error might: this is the last line of defence before the log.
 */
final class SecretScrubber {
  static final String MASK = "***";
  private final List<String> secrets;

  SecretScrubber(Set<String> secrets) {
    // Longest first, so that a secret containing another is masked whole.
    this.secrets = secrets.stream().filter(s -> !s.isEmpty())
        .sorted(Comparator.comparingInt(String::length).reversed()).toList();
  }

  String scrub(String text) {
    String result = text;
    for (String secret : secrets) {
      result = result.replace(secret, MASK);
    }
    return result;
  }
}
