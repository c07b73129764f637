package dev.podkeeper.model.validate;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a value sits in the file's structure, e.g. {@code containers.sonarr.ports[0]}. The parser maps
 * paths to line and column; the validator, which sees only the records, names what it checks by path.
 */
public record NodePath(List<Segment> segments) {
  private static final NodePath ROOT = new NodePath(List.of());

  public NodePath {
    segments = List.copyOf(segments);
  }

  /** A mapping key, or (with {@code key == null}) a list index. */
  public record Segment(String key, int index) {
    public static Segment key(String key) {
      return new Segment(requireNonNull(key, "key is null"), -1);
    }

    public static Segment index(int index) {
      if (index < 0) {
        throw new IllegalArgumentException("negative index " + index);
      }
      return new Segment(null, index);
    }

    public boolean isIndex() {
      return key == null;
    }

    // Written out rather than left to the record: the generated ones bootstrap through method handles,
    // which costs a command-line run (podkeeper validate) a few tens of milliseconds at start-up.
    @Override
    public boolean equals(Object o) {
      return o instanceof Segment other && index == other.index && java.util.Objects.equals(key, other.key);
    }

    @Override
    public int hashCode() {
      return key == null ? index : key.hashCode();
    }

    @Override
    public String toString() {
      return isIndex() ? "[" + index + "]" : key;
    }
  }

  public static NodePath root() {
    return ROOT;
  }

  public static NodePath of(String... keys) {
    NodePath path = ROOT;
    for (String key : keys) {
      path = path.key(key);
    }
    return path;
  }

  public NodePath key(String key) {
    return append(Segment.key(key));
  }

  public NodePath index(int index) {
    return append(Segment.index(index));
  }

  private NodePath append(Segment segment) {
    List<Segment> longer = new ArrayList<>(segments);
    longer.add(segment);
    return new NodePath(longer);
  }

  public boolean isRoot() {
    return segments.isEmpty();
  }

  public NodePath parent() {
    if (isRoot()) {
      throw new IllegalStateException("the root has no parent");
    }
    return new NodePath(segments.subList(0, segments.size() - 1));
  }

  public Segment last() {
    return segments.get(segments.size() - 1);
  }

  /** Where in the file this is, for messages: {@code in container "sonarr"}, {@code at the top level}. */
  public String where() {
    return isRoot() ? "at the top level" : "in " + describe();
  }

  /**
   * What sits here, for messages: {@code container "sonarr"}, {@code the file}. Paths below the named
   * objects fall back to their dotted form.
   */
  public String describe() {
    if (segments.size() < 2) {
      return isRoot() ? "the file" : segments.get(0).key();
    }
    String section = segments.get(0).key();
    String name = segments.get(1).isIndex() ? "" : Quote.of(segments.get(1).key());
    if (segments.size() == 2) {
      return switch (section) {
        case "containers" -> "container " + name;
        case "networks" -> "network " + name;
        case "units" -> "unit " + name;
        case "envFiles" -> "env file " + name;
        case "directories" -> "directory entry " + (segments.get(1).index() + 1);
        default -> toString();
      };
    }
    String third = segments.get(2).isIndex() ? "" : segments.get(2).key();
    if (segments.size() == 3 && section.equals("containers") && third.equals("health")) {
      return "the health check of container " + name;
    }
    if (segments.size() == 4 && section.equals("envFiles") && third.equals("values")) {
      return "value " + Quote.bare(segments.get(3).toString()) + " of env file " + name;
    }
    return toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodePath other && segments.equals(other.segments);
  }

  @Override
  public int hashCode() {
    return segments.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (Segment s : segments) {
      if (s.isIndex()) {
        text.append('[').append(s.index()).append(']');
      } else {
        text.append(text.length() == 0 ? "" : ".").append(s.key());
      }
    }
    return text.toString();
  }
}
