package dev.podkeeper.agent.cli;

import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.parse.DesiredStateParser;
import dev.podkeeper.model.parse.InvalidDesiredStateException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/** Loads the file a command is given; an invalid one prints every problem and changes nothing. */
final class DesiredStateFile {
  private DesiredStateFile() {}

  static Optional<DesiredState> load(Path file, PrintWriter err) {
    try {
      return Optional.of(DesiredStateParser.parse(file));
    } catch (InvalidDesiredStateException e) {
      e.problems().forEach(err::println);
      err.println(file + " is invalid (" + e.problems().size() + " problem" + (e.problems().size() == 1 ? "" : "s")
          + "): nothing was changed");
      return Optional.empty();
    }
  }
}
