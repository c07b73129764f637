package dev.podkeeper.agent.cli;

import dev.podkeeper.agent.reconcile.LogFormat;
import dev.podkeeper.agent.reconcile.LogLevel;
import dev.podkeeper.agent.reconcile.LogLine;
import dev.podkeeper.agent.reconcile.LogSink;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.parse.DesiredStateParser;
import dev.podkeeper.model.parse.InvalidDesiredStateException;
import dev.podkeeper.model.parse.ParsedFile;
import dev.podkeeper.model.parse.Problem;
import dev.podkeeper.model.validate.HostAddresses;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Loads the file a command is given; an invalid one prints every problem and changes nothing. */
final class DesiredStateFile {
  private DesiredStateFile() {}

  static Optional<DesiredState> load(Path file, PrintWriter err) {
    return read(file, HostAddresses.UNKNOWN, err).map(ParsedFile::state);
  }

  /** Also prints the file's warnings, each {@code FILE:LINE:COLUMN: warning: message [id]}, on stderr. */
  static Optional<DesiredState> loadWithWarnings(Path file, HostAddresses host, PrintWriter err) {
    Optional<ParsedFile> parsed = read(file, host, err);
    parsed.ifPresent(p -> p.warnings().stream().map(ParsedFile::line).forEach(err::println));
    return parsed.map(ParsedFile::state);
  }

  private static Optional<ParsedFile> read(Path file, HostAddresses host, PrintWriter err) {
    try {
      return Optional.of(DesiredStateParser.read(file, host));
    } catch (InvalidDesiredStateException e) {
      report(file, e.problems().stream().map(Problem::toString).toList(), err);
      return Optional.empty();
    }
  }

  /**
   * Every problem, one {@code FILE:LINE:COLUMN: message [rule]} a line, then that nothing was changed. With
   * {@code --log-format json}, one diagnostic object instead, the problems as a list in it.
   */
  static void report(Path file, List<String> problems, PrintWriter err) {
    String verdict = file + " is invalid (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
        + "): nothing was changed";
    if (DiagnosticSink.format() == LogFormat.JSON) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("time", LogLine.time(Instant.now()));
      fields.put("level", LogLevel.ERROR.word());
      fields.put("logger", DesiredStateFile.class.getName());
      fields.put("message", verdict);
      fields.put("problems", problems);
      LogSink.stream(err, LogFormat.JSON).write(new LogLine(LogLevel.ERROR, fields));
      return;
    }
    problems.forEach(err::println);
    err.println(verdict);
  }
}
