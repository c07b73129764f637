package dev.podkeeper.agent.cli;

import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.parse.DesiredStateParser;
import dev.podkeeper.model.parse.InvalidDesiredStateException;
import dev.podkeeper.model.parse.ParsedFile;
import dev.podkeeper.model.parse.Problem;
import dev.podkeeper.model.validate.HostAddresses;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code podkeeper validate FILE}: every check of the file, nothing else (no engine, no D-Bus). Exit 0
 * when valid (warnings, if any, on stderr as {@code FILE:LINE:COLUMN: warning: message [id]}), 1 with each
 * problem on stderr as {@code FILE:LINE:COLUMN: message [rule]}, 2 on a usage error.
 */
@Command(name = "validate",
    description = "Check FILE and print every problem in it as FILE:LINE:COLUMN: message [rule].",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:FILE is valid.", "1:FILE is invalid or unreadable.", "2:Usage error."})
public final class ValidateCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The desired-state file.")
  private Path file;

  @Override
  public Integer call() {
    try {
      // The host IP warning is plan's: the file may be checked on another machine than its own.
      ParsedFile parsed = DesiredStateParser.read(file, HostAddresses.UNKNOWN);
      parsed.warnings().stream().map(ParsedFile::line).forEach(spec.commandLine().getErr()::println);
      DesiredState state = parsed.state();
      spec.commandLine().getOut().println(file + ": valid (" + summary(state) + ")");
      return 0;
    } catch (InvalidDesiredStateException e) {
      PrintWriter err = spec.commandLine().getErr();
      e.problems().stream().map(Problem::toString).forEach(err::println);
      return 1;
    }
  }

  private static String summary(DesiredState state) {
    return String.join(", ",
        count(state.containers().size(), "container"),
        count(state.networks().size(), "network"),
        count(state.directories().size(), "directory", "directories"),
        count(state.envFiles().size(), "env file"),
        count(state.units().size(), "unit"));
  }

  private static String count(int n, String one) {
    return count(n, one, one + "s");
  }

  private static String count(int n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
