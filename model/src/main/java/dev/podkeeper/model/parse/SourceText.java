package dev.podkeeper.model.parse;

import dev.podkeeper.model.validate.Rule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The file's text: read whole, at most {@link #MAX_BYTES} (a desired-state file is a few kilobytes; this
 * also stops {@code /dev/zero} or a runaway generator), and strictly UTF-8, with a bad byte reported
 * where it is rather than silently replaced. Lines are at most {@link #MAX_LINE} long: snakeyaml scans a
 * line in time that grows with the square of its length (one 8 MiB line takes a minute).
 */
final class SourceText {
  static final int MAX_BYTES = 8 << 20;
  static final int MAX_LINE = 64 << 10;

  private SourceText() {}

  static String read(String label, Path file) throws InvalidDesiredStateException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw unreadable(label, "no such file");
    } catch (AccessDeniedException e) {
      throw unreadable(label, "permission denied");
    } catch (IOException e) {
      throw unreadable(label, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
    checkSize(label, bytes.length);
    return checkLines(label, withoutBom(decode(label, bytes)));
  }

  /** Text already in memory goes through the same limit. */
  static String of(String label, String text) throws InvalidDesiredStateException {
    checkSize(label, text.length());
    return checkLines(label, withoutBom(text));
  }

  private static void checkSize(String label, long size) throws InvalidDesiredStateException {
    if (size > MAX_BYTES) {
      throw Problems.single(label, Location.START, Rule.FILE_TOO_LARGE,
          "the file is larger than 8 MiB, too large for a desired-state file");
    }
  }

  private static String checkLines(String label, String text) throws InvalidDesiredStateException {
    int line = 1;
    for (int start = 0; start < text.length(); line++) {
      int end = text.indexOf('\n', start);
      end = end < 0 ? text.length() : end;
      if (end - start > MAX_LINE) {
        throw Problems.single(label, new Location(line, 1), Rule.FILE_TOO_LARGE, "line " + line + " is longer than "
            + MAX_LINE + " characters, too long for a desired-state file");
      }
      start = end + 1;
    }
    return text;
  }

  private static String decode(String label, byte[] bytes) throws InvalidDesiredStateException {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    String decoded = out.flip().toString();
    if (result.isError()) {
      int bad = bytes[in.position()] & 0xff;
      throw Problems.single(label, Location.of(decoded, decoded.length()), Rule.FILE_ENCODING,
          String.format("the file is not UTF-8: byte 0x%02X here is not valid UTF-8; save the file as UTF-8", bad));
    }
    return decoded;
  }

  private static String withoutBom(String text) {
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static InvalidDesiredStateException unreadable(String label, String reason) {
    return Problems.single(label, Location.START, Rule.FILE_READABLE, "cannot read the file: " + reason);
  }
}
