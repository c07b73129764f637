package dev.podkeeper.agent.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One run of the command line with its output captured, as a user would see it. */
record CommandLineRun(int exitCode, String out, String err) {

  /** As {@code podkeeper ARGS}: the command line {@link Main#main} makes for them. */
  static CommandLineRun run(String... args) {
    return run(Main.commandLine(args), args);
  }

  static CommandLineRun run(CommandLine commandLine, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new CommandLineRun(exitCode, out.toString(), err.toString());
  }
}
