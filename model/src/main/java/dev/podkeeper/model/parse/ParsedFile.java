package dev.podkeeper.model.parse;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.model.desired.DesiredState;
import java.util.List;

/**
 * A valid file and its warnings, each at its line and column ({@link Problem#rule()} holds the
 * {@link dev.podkeeper.model.validate.Advice} id).
 */
public record ParsedFile(DesiredState state, List<Problem> warnings) {
  public ParsedFile {
    requireNonNull(state, "state is null");
    warnings = List.copyOf(warnings);
  }

  /** {@code FILE:LINE:COLUMN: warning: message [id]}: as errors print, marked as a warning. */
  public static String line(Problem warning) {
    return warning.file() + ":" + warning.line() + ":" + warning.column() + ": warning: " + warning.message()
        + " [" + warning.rule() + "]";
  }
}
