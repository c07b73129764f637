package dev.podkeeper.agent.compose;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The value shapes compose allows in several places: a list or a map, a string or a list, Go durations. */
final class ComposeValues {
  private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");
  private static final Pattern SIZE = Pattern.compile("(?i)(\\d+)\\s*([kmg]?)b?");

  private ComposeValues() {}

  /** {@code [a, b]} or a single {@code a}, as strings. */
  static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(item -> values.add(item.asText()));
    } else if (!node.isNull()) {
      values.add(node.asText());
    }
    return values;
  }

  /**
   * {@code {K: V}} or {@code ["K=V"]}; a key without a value ({@code - K}, {@code K: null}) maps to null: compose
   * takes such a value from its own environment.
   */
  static Map<String, String> keyValues(JsonNode node) {
    Map<String, String> values = new LinkedHashMap<>();
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
    } else {
      for (String item : strings(node)) {
        int eq = item.indexOf('=');
        values.put(eq < 0 ? item : item.substring(0, eq), eq < 0 ? null : item.substring(eq + 1));
      }
    }
    return values;
  }

  /** A Go duration ({@code 1m30s}, {@code 1.5s}) in one whole unit ({@code 90s}, {@code 1500ms}). */
  static String duration(String key, String text) throws ComposeImportException {
    String trimmed = text.trim();
    Matcher part = GO_DURATION_PART.matcher(trimmed);
    double millis = 0;
    int end = 0;
    while (part.find() && part.start() == end) {
      double n = Double.parseDouble(part.group(1));
      millis += n * switch (part.group(2)) {
        case "h" -> 3_600_000;
        case "m" -> 60_000;
        case "s" -> 1000;
        case "ms" -> 1;
        default -> 0.000_001;
      };
      end = part.end();
    }
    if (end == 0 || end != trimmed.length()) {
      throw new ComposeImportException(key + " \"" + text + "\" is not a duration such as 30s or 1m30s");
    }
    long whole = Math.max(1, Math.round(millis));
    if (whole % 3_600_000 == 0) {
      return whole / 3_600_000 + "h";
    }
    if (whole % 60_000 == 0) {
      return whole / 60_000 + "m";
    }
    return whole % 1000 == 0 ? whole / 1000 + "s" : whole + "ms";
  }

  /** A compose size ({@code 512m}, {@code 2gb}, {@code 1073741824}) as podkeeper's {@code memory}. */
  static String size(String key, String text) throws ComposeImportException {
    Matcher m = SIZE.matcher(text.trim());
    if (!m.matches()) {
      throw new ComposeImportException(key + " \"" + text + "\" is not a size such as 512m or 2g");
    }
    return m.group(1) + m.group(2).toLowerCase(Locale.ROOT);
  }
}
