package dev.podkeeper.model.parse;

import static java.util.Objects.requireNonNull;

/**
 * One thing wrong with a desired-state file, where it is and which rule it breaks. Printed the way
 * compilers print errors, so editors and terminals can jump to it: {@code FILE:LINE:COLUMN: message [rule]}.
 *
 * @param line 1-based; 1 with column 1 for problems with the file as a whole
 * @param rule a stable id from {@link dev.podkeeper.model.validate.Rule}, e.g. {@code ports.host-ip}
 */
public record Problem(String file, int line, int column, String rule, String message) {
  public Problem {
    requireNonNull(file, "file is null");
    requireNonNull(rule, "rule is null");
    requireNonNull(message, "message is null");
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + message + " [" + rule + "]";
  }
}
