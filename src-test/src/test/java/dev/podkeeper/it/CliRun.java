package dev.podkeeper.it;

import dev.podkeeper.agent.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * A podkeeper command run in the test's own JVM, for commands that only read files and print (import,
 * export): its exit code, stdout and stderr. Commands that touch an engine run as processes ({@link AgentCommand}).
 */
public record CliRun(int exitCode, String out, String err) {
  public static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = Main.commandLine();
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    int exit = command.execute(args);
    return new CliRun(exit, out.toString(), err.toString());
  }
}
