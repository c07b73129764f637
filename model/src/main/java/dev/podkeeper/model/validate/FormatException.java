package dev.podkeeper.model.validate;

import static java.util.Objects.requireNonNull;

/** A scalar that does not have its key's form; the message quotes the value and says how to write it. */
public final class FormatException extends Exception {
  private final Rule rule;

  public FormatException(Rule rule, String message) {
    super(message);
    this.rule = requireNonNull(rule, "rule is null");
  }

  public Rule rule() {
    return rule;
  }
}
