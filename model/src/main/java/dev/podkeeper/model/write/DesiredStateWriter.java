package dev.podkeeper.model.write;

import dev.podkeeper.model.write.DocNode.Item;
import dev.podkeeper.model.write.DocNode.Mapping;
import dev.podkeeper.model.write.DocNode.Scalar;
import dev.podkeeper.model.write.DocNode.Sequence;
import java.util.List;

/**
 * Renders a {@link DocNode} tree as the YAML a person would write: block mappings indented by two, short
 * lists of words in flow style ({@code capAdd: [NET_ADMIN]}), comments where the tree put them, entries in the
 * order they were added. Used by the commands that generate desired-state files, whose output must read back
 * through {@link dev.podkeeper.model.parse.DesiredStateParser} unchanged.
 */
public final class DesiredStateWriter {
  /** Longest flow-style list, so that a long one is a readable column instead. */
  private static final int FLOW_WIDTH = 80;

  private final StringBuilder out = new StringBuilder();

  private DesiredStateWriter() {}

  /**
   * @param header comment lines at the top of the file (without {@code #})
   */
  public static String write(List<String> header, Mapping root) {
    DesiredStateWriter writer = new DesiredStateWriter();
    header.forEach(line -> writer.comment(0, line));
    writer.mapping(0, root);
    return writer.out.toString();
  }

  private void mapping(int indent, Mapping mapping) {
    mapping.leading().forEach(line -> comment(indent, line));
    for (Item entry : mapping.entries()) {
      entry.above().forEach(line -> comment(indent, line));
      String key = YamlScalars.block(DocNode.text(entry.key().orElseThrow()));
      out.append(" ".repeat(indent)).append(key).append(':');
      value(indent, entry);
      entry.below().forEach(line -> comment(indent, line));
    }
  }

  /** What follows a key (or a sequence's dash): inline for scalars and flow lists, else on the next lines. */
  private void value(int indent, Item item) {
    DocNode value = item.value();
    if (value instanceof Scalar scalar) {
      out.append(' ').append(YamlScalars.block(scalar));
      endLine(item);
    } else if (value instanceof Mapping m && m.isEmpty()) {
      out.append(" {}");
      endLine(item);
      m.leading().forEach(line -> comment(indent + 2, line));
    } else if (value instanceof Sequence s && flow(s) != null) {
      out.append(' ').append(flow(s));
      endLine(item);
    } else if (value instanceof Mapping m) {
      endLine(item);
      mapping(indent + 2, m);
    } else {
      endLine(item);
      sequence(indent + 2, (Sequence) value);
    }
  }

  private void sequence(int indent, Sequence sequence) {
    for (Item item : sequence.items()) {
      item.above().forEach(line -> comment(indent, line));
      out.append(" ".repeat(indent)).append('-');
      if (item.trailing().isPresent() && item.value() instanceof Mapping) {
        throw new IllegalArgumentException("a mapping in a sequence takes comments above it, not after it");
      }
      if (item.value() instanceof Mapping m && startsWithAKey(m)) {
        // "- key: value", the mapping's further keys aligned under the first one
        int dash = out.length();
        mapping(indent + 2, m);
        out.delete(dash, dash + indent + 1);
      } else {
        value(indent, item);
      }
      item.below().forEach(line -> comment(indent, line));
    }
  }

  private static boolean startsWithAKey(Mapping m) {
    return !m.isEmpty() && m.leading().isEmpty() && m.entries().get(0).above().isEmpty();
  }

  /** {@code [a, b]} for a list of scalars without comments that fits a line; null when it must be a block. */
  private static String flow(Sequence sequence) {
    if (sequence.isEmpty()) {
      return "[]";
    }
    StringBuilder flow = new StringBuilder("[");
    for (Item item : sequence.items()) {
      if (!(item.value() instanceof Scalar scalar) || !item.above().isEmpty() || item.trailing().isPresent()
          || !item.below().isEmpty()) {
        return null;
      }
      flow.append(flow.length() > 1 ? ", " : "").append(YamlScalars.flow(scalar));
    }
    return flow.length() > FLOW_WIDTH ? null : flow.append(']').toString();
  }

  private void endLine(Item item) {
    item.trailing().ifPresent(c -> out.append("  # ").append(oneLine(c)));
    out.append('\n');
  }

  private void comment(int indent, String line) {
    out.append(" ".repeat(indent)).append(line.isEmpty() ? "#" : "# " + oneLine(line)).append('\n');
  }

  private static String oneLine(String text) {
    return text.replaceAll("[\\r\\n\\u2028\\u2029]+", " ");
  }
}
