package dev.podkeeper.model.parse;

import java.util.List;
import java.util.stream.Collectors;

/** A desired-state file that cannot be used, with every problem found in it (never just the first). */
public class InvalidDesiredStateException extends Exception {
  private final List<Problem> problems;

  public InvalidDesiredStateException(List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an invalid file has at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** In file order (line, then column). */
  public List<Problem> problems() {
    return problems;
  }
}
