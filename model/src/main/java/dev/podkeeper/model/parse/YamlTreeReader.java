package dev.podkeeper.model.parse;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.podkeeper.model.parse.YamlNode.Entry;
import dev.podkeeper.model.parse.YamlNode.Kind;
import dev.podkeeper.model.validate.NodePath;
import dev.podkeeper.model.validate.Quote;
import dev.podkeeper.model.validate.Rule;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Streams the YAML tokens into a {@link YamlNode} tree, taking each node's line and column from the
 * token that starts it. Duplicate keys are reported and reading goes on; anything that leaves no tree
 * (bad syntax, a limit hit) ends reading with one located problem.
 *
 * <p>Aliases of mappings and lists share the anchored node, never copy it; still, every alias counts
 * the size of what it stands for, so a "billion laughs" document stops at {@link #MAX_NODES}. An alias
 * of a scalar is a copy at the alias's own place.
 * {@code <<} merge keys are supported (explicit keys win, then earlier merges).
 */
final class YamlTreeReader {
  static final int MAX_DEPTH = 64;
  static final int MAX_ALIASES = 50;
  static final long MAX_NODES = 100_000;
  private static final YAMLFactory FACTORY = AnchorAwareYamlFactory.hardened(MAX_DEPTH, MAX_ALIASES);

  private final AnchorAwareYamlFactory.Parser parser;
  private final String text;
  private final Problems problems;
  private final Map<String, Built> anchors = new HashMap<>();
  private int aliases;
  private long nodes;

  /** A node and the number of nodes it stands for, aliases expanded. */
  private record Built(YamlNode node, long size) {}

  /** Ends reading: the tree cannot be completed. */
  private static final class Stop extends Exception {
    final Location at;
    final Rule rule;

    Stop(Location at, Rule rule, String message) {
      super(message, null, false, false);
      this.at = at;
      this.rule = rule;
    }
  }

  private YamlTreeReader(AnchorAwareYamlFactory.Parser parser, String text, Problems problems) {
    this.parser = parser;
    this.text = text;
    this.problems = problems;
  }

  /** The tree, or empty when the file is not readable YAML (the reason is then in {@code problems}). */
  static Optional<YamlNode> read(String text, Problems problems) {
    try (var parser = (AnchorAwareYamlFactory.Parser) FACTORY.createParser(new StringReader(text))) {
      return Optional.of(new YamlTreeReader(parser, text, problems).document());
    } catch (Stop stop) {
      problems.add(stop.at, stop.rule, stop.getMessage());
    } catch (IOException | RuntimeException e) {
      problems.add(YamlErrors.location(e, text), Rule.YAML_SYNTAX, "not valid YAML: " + YamlErrors.reason(e));
    }
    return Optional.empty();
  }

  private YamlNode document() throws IOException, Stop {
    JsonToken first = parser.nextToken();
    if (first == null) {
      throw new Stop(Location.START, Rule.KEYS_REQUIRED, "the file is empty; it needs at least version: 1 and stack:");
    }
    YamlNode root = value(first, NodePath.root(), 1).node();
    if (parser.nextToken() != null) {
      throw new Stop(here(), Rule.YAML_SYNTAX, "not valid YAML: a second document; the file holds exactly one");
    }
    return root;
  }

  private Built value(JsonToken token, NodePath path, int depth) throws IOException, Stop {
    Location at = here();
    if (token == JsonToken.VALUE_STRING && parser.isCurrentAlias()) {
      return alias(parser.getText(), at);
    }
    String anchor = parser.anchor();
    Built built = switch (token) {
      case START_OBJECT -> mapping(path, checkDepth(depth, at), at);
      case START_ARRAY -> sequence(path, checkDepth(depth, at), at);
      // Jackson gives a plain empty value ("FOO:") as "", like a quoted ""; in YAML it is null.
      case VALUE_STRING -> scalar(parser.getText().isEmpty() && parser.isPlain() ? Kind.NULL : Kind.STRING, at);
      case VALUE_EMBEDDED_OBJECT -> scalar(Kind.STRING, at);
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> scalar(Kind.NUMBER, at);
      case VALUE_TRUE, VALUE_FALSE -> scalar(Kind.BOOLEAN, at);
      case VALUE_NULL -> scalar(Kind.NULL, at);
      default -> throw new Stop(at, Rule.YAML_SYNTAX, "not valid YAML: unexpected " + token);
    };
    if (anchor != null) {
      anchors.put(anchor, built);
    }
    return built;
  }

  private int checkDepth(int depth, Location at) throws Stop {
    if (depth > MAX_DEPTH) {
      throw new Stop(at, Rule.YAML_DEPTH, "mappings and lists nest more than " + MAX_DEPTH + " levels deep here");
    }
    return depth;
  }

  private Built scalar(Kind kind, Location at) throws IOException, Stop {
    count(at);
    return new Built(new YamlNode.Scalar(parser.getText(), kind, at), 1);
  }

  private Built alias(String name, Location at) throws Stop {
    Built target = anchors.get(name);
    if (target == null) {
      throw new Stop(at, Rule.YAML_ALIAS, "alias *" + Quote.bare(name) + " refers to no anchor &" + Quote.bare(name) + " before it");
    }
    // A scalar is copied to where the alias is, so a problem with the value points at its use.
    if (target.node() instanceof YamlNode.Scalar s) {
      count(at);
      return new Built(new YamlNode.Scalar(s.text(), s.kind(), at), 1);
    }
    if (++aliases > MAX_ALIASES) {
      throw new Stop(at, Rule.YAML_ALIAS, "more than " + MAX_ALIASES + " aliases of mappings or lists");
    }
    nodes += target.size();
    if (nodes > MAX_NODES) {
      throw new Stop(at, Rule.YAML_ALIAS, "this alias makes the file expand to more than " + MAX_NODES
          + " values; a desired-state file has a few thousand at most");
    }
    return target;
  }

  private void count(Location at) throws Stop {
    nodes++;
    if (nodes > MAX_NODES) {
      throw new Stop(at, Rule.FILE_TOO_LARGE, "the file holds more than " + MAX_NODES
          + " values; a desired-state file has a few thousand at most");
    }
  }

  private Built sequence(NodePath path, int depth, Location at) throws IOException, Stop {
    count(at);
    List<YamlNode> items = new ArrayList<>();
    long size = 1;
    for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
      Built item = value(t, path.index(items.size()), depth + 1);
      items.add(item.node());
      size += item.size();
    }
    return new Built(new YamlNode.Sequence(items, at), size);
  }

  private Built mapping(NodePath path, int depth, Location at) throws IOException, Stop {
    count(at);
    Map<String, Entry> explicit = new LinkedHashMap<>();
    List<YamlNode.Mapping> merged = new ArrayList<>();
    long size = 1;
    for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
      String key = parser.currentName();
      Location keyAt = here();
      boolean mergeKey = key.equals("<<") && parser.isPlain();
      Built value = value(parser.nextToken(), path.key(key), depth + 1);
      size += value.size();
      if (mergeKey) {
        merged.addAll(mergeSources(value.node()));
      } else if (explicit.containsKey(key)) {
        problems.add(keyAt, Rule.KEYS_DUPLICATE, "key " + Quote.of(key) + " appears twice " + path.where()
            + " (first at " + problems.reference(explicit.get(key).keyLocation()) + ")");
      } else {
        explicit.put(key, new Entry(key, keyAt, value.node()));
      }
    }
    Map<String, Entry> entries = new LinkedHashMap<>();
    merged.forEach(m -> m.entries().forEach(entries::putIfAbsent));
    entries.keySet().removeAll(explicit.keySet());
    entries.putAll(explicit);
    return new Built(new YamlNode.Mapping(entries, at), size);
  }

  /** {@code <<: *base} or {@code <<: [*a, *b]}; anything else is reported and ignored. */
  private List<YamlNode.Mapping> mergeSources(YamlNode value) {
    List<YamlNode> sources = value instanceof YamlNode.Sequence s ? s.items() : List.of(value);
    List<YamlNode.Mapping> mappings = new ArrayList<>();
    for (YamlNode source : sources) {
      if (source instanceof YamlNode.Mapping m) {
        mappings.add(m);
      } else {
        problems.add(source.location(), Rule.VALUE_TYPE,
            "<< merges a mapping or a list of mappings, not " + YamlNode.describe(source));
      }
    }
    return mappings;
  }

  private Location here() {
    return YamlErrors.location(parser.currentTokenLocation());
  }
}
