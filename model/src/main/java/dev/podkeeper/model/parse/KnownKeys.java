package dev.podkeeper.model.parse;

import dev.podkeeper.model.validate.NodePath;
import dev.podkeeper.model.validate.Quote;
import dev.podkeeper.model.validate.Suggestions;
import java.util.Map;
import java.util.Set;

/** The keys one kind of mapping may have; any other is an error that suggests the closest known key. */
record KnownKeys(Set<String> keys) {
  /** Docker Compose spellings that no typo distance leads to the format's own key. */
  private static final Map<String, String> COMPOSE = Map.of(
      "environment", "env",
      "healthcheck", "health",
      "network_mode", "network",
      "mem_limit", "memory",
      "stop_grace_period", "stopTimeout",
      "working_dir", "workdir",
      "env_file", "envFiles");

  KnownKeys {
    keys = Set.copyOf(keys);
  }

  static KnownKeys of(String... keys) {
    return new KnownKeys(Set.of(keys));
  }

  boolean contains(String key) {
    return keys.contains(key);
  }

  String unknown(String key, NodePath where) {
    String compose = COMPOSE.get(key);
    String hint = compose != null && keys.contains(compose)
        ? " (did you mean " + Quote.of(compose) + "?)"
        : Suggestions.didYouMean(key, keys);
    return "unknown key " + Quote.of(key) + " " + where.where() + hint;
  }
}
