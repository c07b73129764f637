package dev.podkeeper.model.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Turns what Jackson and snakeyaml throw into a location and a plain reason. snakeyaml's own marks are
 * preferred: Jackson's exception location is where parsing stopped, not where the problem is.
 */
final class YamlErrors {
  private YamlErrors() {}

  static Location location(Throwable e, String text) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
        Mark mark = marked.getProblemMark();
        return new Location(mark.getLine() + 1, mark.getColumn() + 1);
      }
      if (t instanceof ReaderException reader) {
        return Location.of(text, text.offsetByCodePoints(0, Math.min(reader.getPosition(),
            text.codePointCount(0, text.length()))));
      }
    }
    return e instanceof JsonProcessingException jpe ? location(jpe.getLocation()) : Location.START;
  }

  static Location location(JsonLocation at) {
    if (at == null || at.getLineNr() < 1 || at.getColumnNr() < 1) {
      return Location.START;
    }
    return new Location(at.getLineNr(), at.getColumnNr());
  }

  static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MarkedYAMLException marked && marked.getProblem() != null) {
        return marked.getProblem();
      }
      if (t instanceof ReaderException reader) {
        return String.format("character U+%04X is not allowed in YAML", reader.getCodePoint());
      }
    }
    String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
  }
}
