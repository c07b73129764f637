package dev.podkeeper.agent.observe;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The env file format Podman's {@code --env-file} reads: one {@code KEY=VALUE} per line, no quoting,
 * {@code #} comments. A value cannot hold a newline, so rendering one is refused (naming the key only).
 */
final class EnvFileFormat {
  private EnvFileFormat() {}

  static byte[] render(Map<String, String> values) {
    StringBuilder out = new StringBuilder();
    values.forEach((key, value) -> {
      if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("the value of " + key + " spans several lines, which an env file cannot hold");
      }
      out.append(key).append('=').append(value).append('\n');
    });
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Lines without {@code =} (Podman takes those from its own environment) are left out. */
  static Map<String, String> parse(byte[] content) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : new String(content, StandardCharsets.UTF_8).split("\r?\n")) {
      String trimmed = line.strip();
      int eq = trimmed.indexOf('=');
      if (!trimmed.isEmpty() && !trimmed.startsWith("#") && eq > 0) {
        values.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
      }
    }
    return values;
  }

  /** A secret file's content is the value, minus one trailing newline (what {@code echo >} adds). */
  static String secretValue(byte[] content) {
    String value = new String(content, StandardCharsets.UTF_8);
    if (value.endsWith("\r\n")) {
      return value.substring(0, value.length() - 2);
    }
    return value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
  }
}
