package dev.podkeeper.model.parse;

import dev.podkeeper.model.validate.Rule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the problems of one file as reading, binding and validation find them. */
final class Problems {
  private final String file;
  private final List<Problem> found = new ArrayList<>();

  Problems(String file) {
    this.file = file;
  }

  void add(Location at, Rule rule, String message) {
    add(at, rule.id(), message);
  }

  void add(Location at, String id, String message) {
    found.add(new Problem(file, at.line(), at.column(), id, message));
  }

  /** In file order, each once. */
  List<Problem> sorted() {
    return found.stream()
        .distinct()
        .sorted(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column))
        .toList();
  }

  /** {@code FILE:LINE:COLUMN}, for messages that point at a second place. */
  String reference(Location at) {
    return file + ":" + at.line() + ":" + at.column();
  }

  boolean any() {
    return !found.isEmpty();
  }

  InvalidDesiredStateException exception() {
    return new InvalidDesiredStateException(sorted());
  }

  static InvalidDesiredStateException single(String file, Location at, Rule rule, String message) {
    Problems problems = new Problems(file);
    problems.add(at, rule, message);
    return problems.exception();
  }
}
