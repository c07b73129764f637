package dev.podkeeper.model.parse;

import dev.podkeeper.model.parse.YamlNode.Entry;
import dev.podkeeper.model.validate.FormatException;
import dev.podkeeper.model.validate.NodePath;
import dev.podkeeper.model.validate.Quote;
import dev.podkeeper.model.validate.Rule;
import dev.podkeeper.model.validate.Syntax;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One YAML mapping being bound into a record. Each read returns the value, or nothing after reporting
 * where and why it is wrong, so binding always goes on and every problem of the file is found at once.
 * A key written with no value ({@code networks:}) reads as empty.
 */
final class MappingReader {
  private final Map<String, Entry> entries;
  private final NodePath path;
  private final Location owner;
  private final Binding binding;
  private final boolean reportMissing;

  private MappingReader(Map<String, Entry> entries, NodePath path, Location owner, Binding binding,
      boolean reportMissing) {
    this.entries = entries;
    this.path = path;
    this.owner = owner;
    this.binding = binding;
    this.reportMissing = reportMissing;
  }

  /**
   * @param owner where "... has no image" points: the key naming this mapping (or the mapping itself)
   */
  static MappingReader of(YamlNode node, NodePath path, Location owner, Binding binding, KnownKeys keys) {
    if (node instanceof YamlNode.Mapping m) {
      m.entries().values().stream().filter(e -> !keys.contains(e.key())).forEach(e ->
          binding.problems().add(e.keyLocation(), Rule.KEYS_UNKNOWN, keys.unknown(e.key(), path)));
      return new MappingReader(m.entries(), path, owner, binding, true);
    }
    boolean empty = node instanceof YamlNode.Scalar s && s.isNull();
    if (!empty) {
      binding.problems().add(node.location(), Rule.VALUE_TYPE,
          path.describe() + " must be a mapping of keys, not " + YamlNode.describe(node)
              + MappingHint.forValue(path, node));
    }
    // Not a mapping: its keys are all missing, and saying so again for each would only add noise.
    return new MappingReader(Map.of(), path, owner, binding, empty);
  }

  /** The mapping of a named object ({@code sonarr:} under {@code containers:}). */
  static MappingReader of(Entry entry, NodePath path, Binding binding, KnownKeys keys) {
    return of(entry.value(), path, entry.keyLocation(), binding, keys);
  }

  NodePath path() {
    return path;
  }

  Binding binding() {
    return binding;
  }

  Optional<YamlNode> node(String key) {
    return Optional.ofNullable(entries.get(key)).map(Entry::value);
  }

  Optional<Entry> entry(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  /** A scalar's text as written; numbers and booleans too. */
  Optional<String> text(String key) {
    return entry(key).flatMap(e -> scalarText(e, key));
  }

  /** The text of a required key; when it is missing or unusable, the reported stand-in {@code placeholder}. */
  String requiredText(String key, String placeholder) {
    Optional<String> text = require(key) ? text(key) : Optional.empty();
    if (text.isPresent() && text.get().isBlank()) {
      report(node(key).orElseThrow(), Rule.VALUE_TYPE, key + " must not be empty");
      text = Optional.empty();
    }
    if (text.isEmpty()) {
      standIn(key);
    }
    return text.orElse(placeholder);
  }

  Optional<Boolean> bool(String key) {
    return node(key).flatMap(n -> {
      if (n instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.BOOLEAN) {
        return Optional.of(Boolean.parseBoolean(s.text()));
      }
      report(n, Rule.VALUE_TYPE, key + " must be true or false, not " + YamlNode.describe(n));
      return Optional.empty();
    });
  }

  <T> Optional<T> parsed(String key, Syntax<T> syntax) {
    return entry(key).flatMap(e -> scalarText(e, key).flatMap(text -> parse(e.value(), text, syntax)));
  }

  /** Like {@link #parsed}, and reports the key as missing when it is; the caller supplies any stand-in. */
  <T> Optional<T> requiredParsed(String key, Syntax<T> syntax) {
    Optional<T> value = require(key) ? parsed(key, syntax) : Optional.empty();
    if (value.isEmpty()) {
      standIn(key);
    }
    return value;
  }

  /** The record gets a made-up value for this key, whose problem is reported already. */
  void standIn(String key) {
    binding.sources().standIn(path.key(key));
  }

  /** Whether the key is there; reports it missing when it is not. */
  boolean require(String key) {
    if (node(key).isPresent()) {
      return true;
    }
    missing(key);
    return false;
  }

  private void missing(String key) {
    if (reportMissing) {
      binding.problems().add(owner, Rule.KEYS_REQUIRED, path.describe() + " has no " + key);
    }
  }

  /** One of a few words, e.g. {@code restart}'s. */
  <E> Optional<E> choice(String key, Map<String, E> words, String wordList) {
    return entry(key).flatMap(e -> scalarText(e, key).flatMap(text -> {
      E value = words.get(text);
      if (value == null) {
        report(e.value(), Rule.VALUE_ENUM, key + " " + Quote.of(text) + " must be one of " + wordList);
      }
      return Optional.ofNullable(value);
    }));
  }

  /** The items of a list; an absent or empty key gives none. */
  List<YamlNode> items(String key, String example) {
    Optional<YamlNode> node = node(key);
    if (node.isEmpty() || node.get() instanceof YamlNode.Scalar s && s.isNull()) {
      return List.of();
    }
    if (node.get() instanceof YamlNode.Sequence seq) {
      return seq.items();
    }
    report(node.get(), Rule.VALUE_TYPE, key + " must be a list, e.g. " + example);
    return List.of();
  }

  List<String> texts(String key, String example) {
    return parsedList(key, example, text -> text);
  }

  /** Items that do not parse are reported and left out (and the source map told, to keep positions). */
  <T> List<T> parsedList(String key, String example, Syntax<T> syntax) {
    List<YamlNode> items = items(key, example);
    List<T> values = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      YamlNode item = items.get(i);
      Optional<T> value = scalarText(item, key + " item", item.location()).flatMap(text -> parse(item, text, syntax));
      if (value.isPresent()) {
        values.add(value.get());
      } else {
        dropped(key, i);
      }
    }
    return values;
  }

  void dropped(String listKey, int index) {
    binding.sources().dropped(path.key(listKey), index);
  }

  /** The entries of a mapping keyed by name ({@code containers:}, {@code env:}); absent or empty gives none. */
  Map<String, Entry> entries(String key) {
    Optional<YamlNode> node = node(key);
    if (node.isPresent() && node.get() instanceof YamlNode.Mapping m) {
      return m.entries();
    }
    if (node.isPresent() && !(node.get() instanceof YamlNode.Scalar s && s.isNull())) {
      report(node.get(), Rule.VALUE_TYPE, key + " must be a mapping of names, not " + YamlNode.describe(node.get()));
    }
    return Map.of();
  }

  private Optional<String> scalarText(Entry entry, String what) {
    return scalarText(entry.value(), what, entry.keyLocation());
  }

  /** @param nullAt where a missing value is reported: the key, as an empty value has no place of its own */
  private Optional<String> scalarText(YamlNode node, String what, Location nullAt) {
    if (node instanceof YamlNode.Scalar s && !s.isNull()) {
      return Optional.of(s.text());
    }
    if (node instanceof YamlNode.Scalar) {
      report(nullAt, Rule.VALUE_TYPE, what + " has no value");
    } else {
      report(node, Rule.VALUE_TYPE, what + " must be a single value, not " + YamlNode.describe(node));
    }
    return Optional.empty();
  }

  private <T> Optional<T> parse(YamlNode node, String text, Syntax<T> syntax) {
    try {
      return Optional.of(syntax.parse(text));
    } catch (FormatException e) {
      report(node, e.rule(), e.getMessage());
      return Optional.empty();
    }
  }

  void report(YamlNode node, Rule rule, String message) {
    report(node.location(), rule, message);
  }

  void report(Location at, Rule rule, String message) {
    binding.problems().add(at, rule, message);
  }
}
