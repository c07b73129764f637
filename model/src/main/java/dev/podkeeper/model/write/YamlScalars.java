package dev.podkeeper.model.write;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a text value is written so that every YAML reader (1.1 or 1.2, block or flow) reads back the same
 * string: plain only when it starts with a letter or {@code /} and holds nothing a reader could take for
 * structure, a number, a boolean or null; double-quoted otherwise.
 */
final class YamlScalars {
  private static final Pattern PLAIN_BLOCK = Pattern.compile("[A-Za-z/][A-Za-z0-9_./@+-]*(:[A-Za-z0-9_./@+-]+)*");
  private static final Pattern PLAIN_FLOW = Pattern.compile("[A-Za-z/][A-Za-z0-9_./@+-]*");
  /** Words YAML 1.1 reads as booleans or null. */
  private static final Set<String> RESERVED =
      Set.of("true", "false", "yes", "no", "on", "off", "y", "n", "null", "nan", "inf");

  private YamlScalars() {}

  static String block(DocNode.Scalar scalar) {
    return render(scalar, PLAIN_BLOCK);
  }

  static String flow(DocNode.Scalar scalar) {
    return render(scalar, PLAIN_FLOW);
  }

  private static String render(DocNode.Scalar scalar, Pattern plain) {
    String value = scalar.value();
    if (scalar.literal()) {
      return value;
    }
    boolean safe = plain.matcher(value).matches() && !RESERVED.contains(value.toLowerCase(Locale.ROOT));
    return safe ? value : quoted(value);
  }

  static String quoted(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    value.codePoints().forEach(c -> {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029 || c == 0xfeff) {
            out.append(String.format(Locale.ROOT, "\\u%04x", c));
          } else {
            out.appendCodePoint(c);
          }
        }
      }
    });
    return out.append('"').toString();
  }
}
