package dev.podkeeper.agent.cli;

import dev.podkeeper.agent.reconcile.LogFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.RunLast;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code podkeeper}: the top command. It holds the global options (given before or after the
 * subcommand's name; subcommands read them through {@code @ParentCommand Main}) and the list of
 * subcommands, nothing else: every subcommand builds what it needs itself, so {@code validate} starts
 * without loading the engine or D-Bus clients. Keep static state out of this class for the same reason.
 */
@Command(name = "podkeeper",
    scope = ScopeType.INHERIT, // -h/--help and -V/--version on every subcommand too
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Keeps a Podman stack and the systemd units it relies on in the state one file describes.")
public final class Main implements Callable<Integer> {
  /** The subcommands, in the order the usage lists them (see {@link #commandLine(String[])}). */
  private static final List<Class<?>> SUBCOMMANDS = List.of(ValidateCommand.class, PlanCommand.class,
      ApplyCommand.class, RunCommand.class, StatusCommand.class, DoctorCommand.class, GraphCommand.class,
      ImportCommand.class, ExportCommand.class, HelpCommand.class, TrainingEngineCommand.class);

  @Spec
  private CommandSpec spec;

  @Option(names = "--podman-socket", paramLabel = "URI", scope = ScopeType.INHERIT,
      defaultValue = "${env:CONTAINER_HOST:-${env:DOCKER_HOST:-unix:///run/podman/podman.sock}}",
      description = "Podman's API socket (default: $CONTAINER_HOST, else $DOCKER_HOST, else ${DEFAULT-VALUE}).")
  private String podmanSocket;

  @Option(names = "--systemd-bus", paramLabel = "ADDRESS", scope = ScopeType.INHERIT,
      defaultValue = "${env:DBUS_SYSTEM_BUS_ADDRESS:-unix:path=/run/dbus/system_bus_socket}",
      description = "D-Bus address of the system bus (default: $DBUS_SYSTEM_BUS_ADDRESS, else ${DEFAULT-VALUE}).")
  private String systemdBus;

  @Option(names = "--log-format", paramLabel = "text|json", scope = ScopeType.INHERIT, defaultValue = "text",
      description = "The reconcile log on stdout and the diagnostics on stderr: text (key=value), or json (one object "
          + "per line). Default: ${DEFAULT-VALUE}.")
  private LogFormat logFormat;

  @Option(names = "--log-every-pass", scope = ScopeType.INHERIT,
      description = "Log the summary of every pass, also of those that changed nothing (by default at most one "
          + "of those an hour): for benchmarks and debugging.")
  private boolean logEveryPass;

  public static void main(String[] args) {
    System.exit(commandLine(args).execute(args));
  }

  /**
   * Global options a subcommand has no use for: still accepted after its name (scripts may pass them to every
   * command), but left out of its help, which lists only what changes what it does. {@code --log-format} shapes
   * every command's diagnostics, so it stays everywhere.
   */
  private static final Map<String, Set<String>> UNUSED_GLOBALS =
      Map.of("validate", Set.of("--podman-socket", "--systemd-bus"), "doctor", Set.of("--log-every-pass"),
          "graph", Set.of("--podman-socket", "--systemd-bus"), "export", Set.of("--podman-socket", "--systemd-bus"));

  /** The command line with every subcommand; tests run it with their own out and err writers. */
  public static CommandLine commandLine() {
    return commandLine(CommandLine.defaultFactory());
  }

  /** The same with {@code factory} making the subcommands (tests wire some to fakes). */
  static CommandLine commandLine(IFactory factory) {
    return withSubcommands(new CommandLine(new Main(), factory), SUBCOMMANDS);
  }

  /**
   * The command line that {@code args} need: only the subcommand they name, when they name one, else all of
   * them (the usage, {@code help}, a mistyped name's suggestions). Picocli reads each subcommand's annotations
   * (options, mixins, defaults, descriptions) as it is added, and every command would otherwise pay for all
   * of them before its first step.
   */
  static CommandLine commandLine(String[] args) {
    CommandLine top = new CommandLine(new Main(), CommandLine.defaultFactory());
    return withSubcommands(top, subcommandNamed(top.getCommandSpec(), args)
        .filter(named -> named != HelpCommand.class).map(List::<Class<?>>of).orElse(SUBCOMMANDS));
  }

  /** The subcommand whose name is the first of {@code args} that is neither an option of {@code top} nor its value. */
  static Optional<Class<?>> subcommandNamed(CommandSpec top, String[] args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("-")) {
        return SUBCOMMANDS.stream().filter(c -> c.getAnnotation(Command.class).name().equals(arg)).findFirst();
      }
      boolean valueAttached = arg.contains("=");
      OptionSpec option = top.findOption(valueAttached ? arg.substring(0, arg.indexOf('=')) : arg);
      if (option == null || option.usageHelp() || option.versionHelp()) {
        return Optional.empty(); // "--", a mistake picocli will name, or the top command's own help or version
      }
      if (!valueAttached && option.arity().max() > 0) {
        i++; // its value
      }
    }
    return Optional.empty();
  }

  private static CommandLine withSubcommands(CommandLine top, List<Class<?>> subcommands) {
    subcommands.forEach(top::addSubcommand);
    CommandLine commandLine = hideUnusedGlobals(top.setCaseInsensitiveEnumValuesAllowed(true));
    // Diagnostics take --log-format as soon as it is parsed, before the subcommand runs (and logs).
    return commandLine.setExecutionStrategy(parsed -> {
      DiagnosticSink.use(((Main) parsed.commandSpec().userObject()).logFormat, commandLine.getErr());
      return new RunLast().execute(parsed);
    });
  }

  /** Hides, in each subcommand's help, the global options it ignores ({@link #UNUSED_GLOBALS}). */
  private static CommandLine hideUnusedGlobals(CommandLine commandLine) {
    UNUSED_GLOBALS.forEach((name, unused) -> {
      CommandLine sub = commandLine.getSubcommands().get(name);
      if (sub == null) {
        return;
      }
      CommandSpec spec = sub.getCommandSpec();
      for (OptionSpec option : List.copyOf(spec.options())) {
        if (unused.contains(option.longestName()) && !option.hidden()) {
          spec.remove(option);
          spec.addOption(option.toBuilder().hidden(true).build());
        }
      }
    });
    return commandLine;
  }

  public String podmanSocket() {
    return podmanSocket;
  }

  public String systemdBus() {
    return systemdBus;
  }

  public LogFormat logFormat() {
    return logFormat;
  }

  public boolean logEveryPass() {
    return logEveryPass;
  }

  /** {@code podkeeper} alone is a usage error (exit 2) that lists the subcommands. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing a subcommand, e.g. podkeeper validate FILE");
  }

  /** The version Maven wrote into the jar's manifest; "development build" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"podkeeper " + (version == null ? "(development build)" : version)};
    }
  }
}
