package dev.podkeeper.agent.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code podkeeper import}: the commands that write a desired-state file from what a stack is run with today. */
@Command(name = "import",
    description = "Write a desired-state file (on stdout) from what runs the stack today: a compose file, or the "
        + "engine's containers.",
    subcommands = {ImportComposeCommand.class, ImportEngineCommand.class})
public final class ImportCommand implements Runnable {
  @Spec
  private CommandSpec spec;

  /** {@code podkeeper import} alone is a usage error (exit 2) that lists what can be imported. */
  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(),
        "Missing what to import: podkeeper import compose FILE, or podkeeper import engine --stack NAME");
  }
}
