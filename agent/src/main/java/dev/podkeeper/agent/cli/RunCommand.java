package dev.podkeeper.agent.cli;

import com.google.inject.Module;
import dev.podkeeper.agent.lifecycle.FatalErrors;
import dev.podkeeper.agent.lifecycle.LifeCycleManager;
import dev.podkeeper.agent.lifecycle.TerminationSignals;
import dev.podkeeper.agent.lock.LockWait;
import dev.podkeeper.agent.lock.StackLock;
import dev.podkeeper.agent.loop.AgentLoopModule;
import dev.podkeeper.agent.loop.DesiredStateStore;
import dev.podkeeper.agent.loop.ParsedFileLoader;
import dev.podkeeper.agent.loop.RunSettings;
import dev.podkeeper.agent.metrics.MetricsAddress;
import dev.podkeeper.agent.metrics.MetricsModule;
import dev.podkeeper.agent.notify.NotifySocket;
import dev.podkeeper.agent.notify.ServiceNotifier;
import dev.podkeeper.model.validate.FormatException;
import dev.podkeeper.model.validate.ValueSyntax;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code podkeeper run FILE}: the agent. Reconciles at startup, then on file changes, engine events, SIGHUP
 * and every {@code --resync}; never exits on its own (an unreachable engine is retried); SIGTERM stops it
 * within 10 s and leaves every container running. Speaks systemd's Type=notify when started by it.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Reconcile FILE now, then keep reconciling on file changes, engine events, SIGHUP and a "
        + "periodic resync. SIGTERM stops the agent and leaves containers running.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:Stopped by SIGTERM or SIGINT.",
        "1:FILE is invalid at startup, or another podkeeper held its stack's lock for a minute.", "2:Usage error."})
public final class RunCommand implements Callable<Integer> {
  /** Long enough for an apply by hand to finish its pass; short enough to fail visibly under systemd. */
  static final Duration LOCK_WAIT = Duration.ofSeconds(60);

  @Parameters(index = "0", paramLabel = "FILE", description = "The desired-state file.")
  Path file;

  @Option(names = "--resync", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
      description = "A full pass at least this often, even without events (e.g. 30s, 5m). Default: ${DEFAULT-VALUE}.")
  Duration resync;

  @Option(names = "--allow-empty", description = "Apply a file that removes every container of the stack.")
  boolean allowEmpty;

  @Option(names = "--metrics", paramLabel = "ADDRESS", converter = MetricsAddressConverter.class,
      description = "Serve Prometheus metrics at http://ADDRESS/metrics; a loopback IP:PORT only, e.g. "
          + "127.0.0.1:9464. Default: off.")
  MetricsAddress metrics;

  @Mixin
  StatusSocketOption statusSocket;

  @Mixin
  NoSystemdOption systemd;

  @Mixin
  AdoptOption adopt;

  @Mixin
  GlobalOptions options;

  @Spec
  CommandSpec spec;

  private final AgentWiring wiring;

  public RunCommand() {
    this(AgentWiring.PRODUCTION);
  }

  RunCommand(AgentWiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public Integer call() throws Exception {
    // Like nginx: a bad file at startup is an error; a bad file later keeps the last good state.
    DesiredStateStore store = new DesiredStateStore(file, new ParsedFileLoader());
    List<String> problems = store.loadFirst();
    if (!problems.isEmpty()) {
      DesiredStateFile.report(file, problems, spec.commandLine().getErr());
      return 1;
    }
    // One writer per stack: held for the agent's life; an apply meanwhile asks this agent for a pass.
    String stack = store.current().orElseThrow().stack();
    StackLock lock;
    try {
      lock = LockWait.system().acquire(statusSocket.path.toAbsolutePath().normalize().getParent(), stack, LOCK_WAIT,
          spec.commandLine().getErr());
    } catch (IOException e) {
      spec.commandLine().getErr().println("run: " + e.getMessage());
      return 1;
    }
    try (lock) {
      return runAgent(store);
    }
  }

  private int runAgent(DesiredStateStore store) throws Exception {
    RunSettings settings = new RunSettings(file, resync, allowEmpty, statusSocket.path, System.getenv(),
        ProcessHandle.current().pid(), systemd.noSystemd, Set.copyOf(adopt.names));
    ServiceNotifier notifier = new ServiceNotifier(NotifySocket.fromEnvironment(settings.env()));
    // Before anything starts: a SIGTERM or an Error at any moment from here on is a clean, told stop.
    LifeCycleManager lifeCycle = new LifeCycleManager();
    lifeCycle.addShutdownHook();
    FatalErrors.installDefaultHandler();
    new TerminationSignals(lifeCycle, notifier::stopping).install();
    List<Module> modules = new ArrayList<>(List.of(new AgentLoopModule(settings, store, notifier)));
    if (metrics != null) {
      modules.add(new MetricsModule(metrics));
    }
    wiring.injector(options, spec.commandLine().getOut(), lifeCycle, systemd.noSystemd,
        modules.toArray(Module[]::new));
    lifeCycle.awaitStopped();
    return 0;
  }

  /** A loopback {@code IP:PORT}; anything else is a usage error that says why. */
  static final class MetricsAddressConverter implements ITypeConverter<MetricsAddress> {
    @Override
    public MetricsAddress convert(String value) {
      try {
        return MetricsAddress.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** Durations as the file writes them: 60s, 5m, 1h, 500ms. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return ValueSyntax.duration(value);
      } catch (FormatException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
