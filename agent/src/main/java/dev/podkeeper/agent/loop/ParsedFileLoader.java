package dev.podkeeper.agent.loop;

import dev.podkeeper.model.parse.DesiredStateParser;
import dev.podkeeper.model.parse.InvalidDesiredStateException;
import dev.podkeeper.model.parse.Problem;
import java.nio.file.Path;

/** The real loader: the parser and validator {@code podkeeper validate} uses, with its FILE:LINE:COLUMN lines. */
public final class ParsedFileLoader implements DesiredStateLoader {

  @Override
  public Result load(Path file) {
    try {
      return new Loaded(DesiredStateParser.parse(file));
    } catch (InvalidDesiredStateException e) {
      return new Rejected(e.problems().stream().map(Problem::toString).toList());
    }
  }
}
