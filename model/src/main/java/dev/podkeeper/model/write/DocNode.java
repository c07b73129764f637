package dev.podkeeper.model.write;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A YAML document being written, node by node, with the comments a person should read next to each entry.
 * Jackson can read comments' places but cannot write them, and a generated desired-state file is mostly read
 * for its comments ("this port was bare in compose"), so files are built as this small tree and rendered by
 * {@link DesiredStateWriter}. Mappings and sequences keep the order entries were added in.
 */
public sealed interface DocNode {

  /** A text value: quoted when plain YAML would read it as anything but this string. */
  static Scalar text(String value) {
    return new Scalar(value, false);
  }

  /** A number or boolean, written as is ({@code version: 1}, {@code cpus: 0.5}, {@code dns: true}). */
  static Scalar literal(Object value) {
    return new Scalar(String.valueOf(value), true);
  }

  /** Text values as a sequence. */
  static Sequence texts(List<String> values) {
    Sequence sequence = new Sequence();
    values.forEach(v -> sequence.add(text(v)));
    return sequence;
  }

  record Scalar(String value, boolean literal) implements DocNode {
    public Scalar {
      requireNonNull(value, "value is null");
    }
  }

  /** An entry of a mapping or an item of a sequence, with comment lines above it and one at its end. */
  final class Item {
    private final Optional<String> key;
    private final DocNode value;
    private final List<String> above = new ArrayList<>();
    private final List<String> below = new ArrayList<>();
    private Optional<String> trailing = Optional.empty();

    private Item(Optional<String> key, DocNode value) {
      this.key = key;
      this.value = requireNonNull(value, "value is null");
    }

    /** A comment line written just above this entry. */
    public Item commentAbove(String line) {
      above.add(line);
      return this;
    }

    /** A comment at the end of this entry's line (for a scalar) or of its key (for a mapping or sequence). */
    public Item commentAfter(String comment) {
      trailing = Optional.of(comment);
      return this;
    }

    Optional<String> key() {
      return key;
    }

    public DocNode value() {
      return value;
    }

    List<String> above() {
      return above;
    }

    Optional<String> trailing() {
      return trailing;
    }

    List<String> below() {
      return below;
    }
  }

  final class Mapping implements DocNode {
    private final List<Item> entries = new ArrayList<>();
    private final List<String> leading = new ArrayList<>();

    public Item put(String key, DocNode value) {
      requireNonNull(key, "key is null");
      Item item = new Item(Optional.of(key), value);
      entries.add(item);
      return item;
    }

    public Item put(String key, String text) {
      return put(key, text(text));
    }

    /** A comment line after the entries so far, before the next one (or at the end of the mapping). */
    public Mapping comment(String line) {
      (entries.isEmpty() ? leading : entries.get(entries.size() - 1).below).add(line);
      return this;
    }

    public Optional<DocNode> get(String key) {
      return entries.stream().filter(e -> e.key().orElseThrow().equals(key)).map(Item::value).findFirst();
    }

    public boolean isEmpty() {
      return entries.isEmpty();
    }

    List<Item> entries() {
      return entries;
    }

    List<String> leading() {
      return leading;
    }
  }

  final class Sequence implements DocNode {
    private final List<Item> items = new ArrayList<>();

    public Item add(DocNode value) {
      Item item = new Item(Optional.empty(), value);
      items.add(item);
      return item;
    }

    public boolean isEmpty() {
      return items.isEmpty();
    }

    List<Item> items() {
      return items;
    }
  }
}
