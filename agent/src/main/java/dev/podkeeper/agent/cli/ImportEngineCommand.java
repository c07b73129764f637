package dev.podkeeper.agent.cli;

import dev.podkeeper.agent.importing.EngineImporter;
import dev.podkeeper.model.port.ContainerEngine;
import dev.podkeeper.model.port.EngineException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code podkeeper import engine --stack NAME [--all]}: the engine's containers as a desired-state file on
 * stdout. Changes nothing; secret-looking env values are never printed.
 */
@Command(name = "engine",
    description = "Write the engine's running containers (all with --all) as a desired-state file on stdout. "
        + "Changes nothing. Env values that look like secrets are not printed: the file refers to an env file "
        + "for them instead.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:Written.", "1:The engine could not be read.", "2:Usage error."})
public final class ImportEngineCommand implements Callable<Integer> {
  @Option(names = "--stack", required = true, paramLabel = "NAME",
      description = "The stack name of the file ([a-z0-9][a-z0-9-]*). Containers of other podkeeper stacks are left out.")
  String stack;

  @Option(names = "--all", description = "Stopped containers too, not only running ones.")
  boolean all;

  @Option(names = "--container", paramLabel = "NAME",
      description = "Only this container (repeatable); the namespace provider of one is taken along.")
  List<String> containers = List.of();

  @Option(names = "--env-dir", paramLabel = "DIR",
      description = "Where the file expects each container's env file of secret-looking values "
          + "(DIR/<container>.env). Default: /etc/podkeeper/<stack>.")
  String envDir;

  @Mixin
  GlobalOptions options;

  @Spec
  CommandSpec spec;

  private final AgentWiring wiring;

  public ImportEngineCommand() {
    this(AgentWiring.PRODUCTION);
  }

  ImportEngineCommand(AgentWiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public Integer call() throws Exception {
    var err = spec.commandLine().getErr();
    if (!stack.matches("[a-z0-9][a-z0-9-]*")) {
      err.println("import engine: --stack " + stack + " is not a stack name: use [a-z0-9][a-z0-9-]*, e.g. home");
      return 2;
    }
    ContainerEngine engine = wiring.injector(options, err, true).getInstance(ContainerEngine.class);
    String text;
    try {
      text = new EngineImporter(engine).importStack(stack, all, new LinkedHashSet<>(containers),
          envDir == null ? "/etc/podkeeper/" + stack : envDir);
    } catch (EngineException e) {
      err.println("import engine: " + e.getMessage());
      return 1;
    }
    spec.commandLine().getOut().print(text);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
