package dev.podkeeper.model.validate;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One broken rule, found on the records: the parser turns {@link #path} into a line and column.
 *
 * @param onKey whether the key at {@code path} is at fault (a bad name) rather than its value
 * @param related another place the message refers to ("already published by ... (FILE:LINE:COL)")
 */
public record Violation(Rule rule, NodePath path, boolean onKey, String message, Optional<NodePath> related) {
  public Violation {
    requireNonNull(rule, "rule is null");
    requireNonNull(path, "path is null");
    requireNonNull(message, "message is null");
    requireNonNull(related, "related is null");
  }

  public static Violation at(Rule rule, NodePath path, String message) {
    return new Violation(rule, path, false, message, Optional.empty());
  }

  public static Violation atKey(Rule rule, NodePath path, String message) {
    return new Violation(rule, path, true, message, Optional.empty());
  }

  public Violation relatedTo(NodePath other) {
    return new Violation(rule, path, onKey, message, Optional.of(other));
  }
}
