package dev.podkeeper.model.parse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The broken files under {@code src/test/resources/hostile/} and, from its {@code expected.tsv}, the problem
 * each must give: a rule at a line (and column, where the YAML library reports one exactly).
 */
final class HostileCorpus {
  private static final String INDEX = "expected.tsv";

  private HostileCorpus() {}

  /** @param column 0 when only the line is checked */
  record Entry(String name, String rule, int line, int column) {
    Path path() {
      return HostileCorpus.path(name);
    }

    @Override
    public String toString() {
      return name + " -> " + rule + " at " + line + (column > 0 ? ":" + column : "");
    }
  }

  static List<Entry> entries() {
    try {
      return Files.readAllLines(path(INDEX)).stream()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .map(HostileCorpus::entry)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Entry entry(String line) {
    String[] fields = line.split("\t");
    if (fields.length != 3) {
      throw new IllegalArgumentException(INDEX + ": not FILE<tab>RULE<tab>LINE[:COLUMN]: " + line);
    }
    String[] place = fields[2].split(":");
    return new Entry(fields[0], fields[1], Integer.parseInt(place[0]), place.length > 1 ? Integer.parseInt(place[1]) : 0);
  }

  static Path path(String name) {
    URL url = HostileCorpus.class.getResource("/hostile/" + name);
    if (url == null) {
      throw new IllegalArgumentException("no test resource hostile/" + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(url.toString(), e);
    }
  }

  /** Lines as YAML counts them: ended by LF, CRLF or a lone CR; a last line without a break counts too. */
  static int lineCount(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int lines = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n' || bytes[i] == '\r' && (i + 1 == bytes.length || bytes[i + 1] != '\n')) {
        lines++;
      }
    }
    return bytes.length > 0 && bytes[bytes.length - 1] != '\n' && bytes[bytes.length - 1] != '\r' ? lines + 1 : lines;
  }
}
