package dev.podkeeper.model.parse;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.model.validate.Quote;
import java.util.List;
import java.util.Map;

/**
 * The file as a small tree that remembers where each node starts, so every problem can point at the
 * value (or key) at fault. Scalars keep the text as written: the binder decides what it means.
 */
sealed interface YamlNode {
  Location location();

  /** What the YAML resolver took a plain scalar for; quoted scalars are always strings. */
  enum Kind { STRING, NUMBER, BOOLEAN, NULL }

  record Scalar(String text, Kind kind, Location location) implements YamlNode {
    public Scalar {
      requireNonNull(text, "text is null");
      requireNonNull(kind, "kind is null");
      requireNonNull(location, "location is null");
    }

    boolean isNull() {
      return kind == Kind.NULL;
    }
  }

  record Sequence(List<YamlNode> items, Location location) implements YamlNode {
    public Sequence {
      items = List.copyOf(items);
      requireNonNull(location, "location is null");
    }
  }

  /** Keys in file order (merged {@code <<} keys first). */
  record Mapping(Map<String, Entry> entries, Location location) implements YamlNode {
    public Mapping {
      entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
      requireNonNull(location, "location is null");
    }
  }

  record Entry(String key, Location keyLocation, YamlNode value) {
    public Entry {
      requireNonNull(key, "key is null");
      requireNonNull(keyLocation, "keyLocation is null");
      requireNonNull(value, "value is null");
    }
  }

  /** How messages name a node's type: "a list", "a mapping", "nothing". */
  static String describe(YamlNode node) {
    if (node instanceof Sequence) {
      return "a list";
    }
    if (node instanceof Mapping) {
      return "a mapping";
    }
    Scalar scalar = (Scalar) node;
    return scalar.isNull() ? "nothing" : Quote.of(scalar.text());
  }
}
