package dev.podkeeper.model.validate;

import static java.util.Objects.requireNonNull;

/** One warning, found on the records; the parser turns {@link #path} into a line and column. */
public record Warning(Advice advice, NodePath path, String message) {
  public Warning {
    requireNonNull(advice, "advice is null");
    requireNonNull(path, "path is null");
    requireNonNull(message, "message is null");
  }
}
