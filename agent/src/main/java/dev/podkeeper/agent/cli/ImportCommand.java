package dev.podkeeper.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code podkeeper import ...}: desired-state files made from what exists; each source is a subcommand. */
@Command(name = "import",
    description = "Write a desired-state file on stdout from what already exists.",
    subcommands = {ImportEngineCommand.class})
public final class ImportCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  /** {@code podkeeper import} alone is a usage error (exit 2) that lists the sources. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing what to import, e.g. podkeeper import engine --stack NAME");
  }
}
