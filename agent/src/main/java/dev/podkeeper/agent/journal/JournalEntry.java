package dev.podkeeper.agent.journal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One journal entry as the native protocol sends it (systemd's "Native Journal Protocol"): a datagram of
 * fields, each {@code NAME=value\n}, or, for a value that holds a newline, {@code NAME\n}, the value's length
 * as a little-endian 64-bit number, the value's bytes, {@code \n}.
 */
public record JournalEntry(Map<String, String> fields) {
  /** Upper-case letters, digits and underscores, not starting with an underscore (those are journald's own). */
  private static final Pattern NAME = Pattern.compile("[A-Z0-9][A-Z0-9_]{0,63}");

  public JournalEntry {
    fields.forEach((name, value) -> {
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("not a journal field name: \"" + name + "\" (A-Z, 0-9 and _, at most 64)");
      }
      if (value == null) {
        throw new IllegalArgumentException("journal field " + name + " has no value");
      }
    });
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  public byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    fields.forEach((name, value) -> {
      byte[] bytes = value.getBytes(UTF_8);
      out.writeBytes(name.getBytes(UTF_8));
      if (value.indexOf('\n') < 0) {
        out.write('=');
      } else {
        out.write('\n');
        long length = bytes.length;
        for (int i = 0; i < Long.BYTES; i++) {
          out.write((int) (length >>> (8 * i)) & 0xff);
        }
      }
      out.writeBytes(bytes);
      out.write('\n');
    });
    return out.toByteArray();
  }
}
