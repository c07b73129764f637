package dev.podkeeper.systemd;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * systemd's unit object paths: {@code /org/freedesktop/systemd1/unit/<escaped name>}, where every byte
 * outside [A-Za-z0-9] is written {@code _xx} in lower-case hex (sd_bus_path_encode), e.g.
 * {@code pk-ok.service} is {@code pk_2dok_2eservice}.
 */
final class UnitPaths {
  static final String PREFIX = "/org/freedesktop/systemd1/unit/";

  private UnitPaths() {}

  /** The unit name of a unit object path; empty for any other path. */
  static Optional<String> unitName(String objectPath) {
    if (objectPath == null || !objectPath.startsWith(PREFIX) || objectPath.length() == PREFIX.length()) {
      return Optional.empty();
    }
    String escaped = objectPath.substring(PREFIX.length());
    if (escaped.indexOf('/') >= 0) {
      return Optional.empty();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(escaped.length());
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      if (c == '_') {
        if (i + 2 >= escaped.length()) {
          return Optional.empty();
        }
        int hi = Character.digit(escaped.charAt(i + 1), 16);
        int lo = Character.digit(escaped.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return Optional.empty();
        }
        out.write(hi << 4 | lo);
        i += 2;
      } else {
        out.write(c);
      }
    }
    return Optional.of(out.toString(StandardCharsets.UTF_8));
  }
}
