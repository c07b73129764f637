package dev.podkeeper.agent.cli;

import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.parse.DesiredStateParser;
import dev.podkeeper.model.parse.InvalidDesiredStateException;
import dev.podkeeper.model.parse.Problem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Loads the file a command is given; an invalid one prints every problem and changes nothing. */
final class DesiredStateFile {
  private DesiredStateFile() {}

  static Optional<DesiredState> load(Path file, PrintWriter err) {
    try {
      return Optional.of(DesiredStateParser.parse(file));
    } catch (InvalidDesiredStateException e) {
      report(file, e.problems().stream().map(Problem::toString).toList(), err);
      return Optional.empty();
    }
  }

  /** Every problem, one {@code FILE:LINE:COLUMN: message [rule]} a line, then that nothing was changed. */
  static void report(Path file, List<String> problems, PrintWriter err) {
    problems.forEach(err::println);
    err.println(file + " is invalid (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
        + "): nothing was changed");
  }
}
