package dev.podkeeper.agent.cli;

import com.google.inject.Injector;
import dev.podkeeper.agent.observe.WorldObserver;
import dev.podkeeper.agent.plan.ObservedWorld;
import dev.podkeeper.agent.plan.Plan;
import dev.podkeeper.agent.plan.PlanForecast;
import dev.podkeeper.agent.plan.Planner;
import dev.podkeeper.agent.plan.PlannerOptions;
import dev.podkeeper.agent.status.ActionStep;
import dev.podkeeper.agent.status.StatusClient;
import dev.podkeeper.agent.status.StatusJson;
import dev.podkeeper.agent.status.StatusSnapshot;
import dev.podkeeper.agent.status.StatusTable;
import dev.podkeeper.agent.status.ObjectStatus;
import dev.podkeeper.agent.status.StatusView;
import dev.podkeeper.agent.update.UpdateRows;
import dev.podkeeper.agent.update.UpdateWatch;
import java.util.ArrayList;
import java.util.List;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.port.EngineException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code podkeeper status [FILE]}: desired vs actual for every object. From the running agent when its
 * socket answers (what it last did and why, backoffs included, and an edit of the file it did not apply);
 * else computed now from FILE by observing and planning, without changing anything.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show desired vs actual for every object: from the running agent, or computed now from FILE.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:Status shown (with --detailed-exitcode: converged).",
        "1:No agent answered and FILE is missing or invalid, or the engine cannot be reached.",
        "2:With --detailed-exitcode: not converged (something is missing, failed, waiting, or an edit is not "
            + "applied). Without: usage error."})
public final class StatusCommand implements Callable<Integer> {
  static final int SHOWN = 0;
  static final int ERROR = 1;
  static final int NOT_CONVERGED = 2;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
      description = "The desired-state file, used when no agent answers.")
  Path file;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Option(names = "--detailed-exitcode",
      description = "Exit 0 when converged, 2 when not converged, 1 on error.")
  boolean detailedExitCode;

  @Option(names = "--watch",
      description = "Redraw the table on every pass of the running agent (polled every --interval), until Ctrl-C. "
          + "Without an agent, compute it from FILE on every poll.")
  boolean watch;

  @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "1",
      description = "With --watch: how often to ask (default: ${DEFAULT-VALUE} s).")
  int intervalSeconds;

  @Mixin
  StatusSocketOption statusSocket;

  @Mixin
  NoSystemdOption systemd;

  @Mixin
  GlobalOptions options;

  @Spec
  CommandSpec spec;

  private final AgentWiring wiring;

  public StatusCommand() {
    this(AgentWiring.PRODUCTION);
  }

  StatusCommand(AgentWiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (watch) {
      return watch(out, err);
    }
    Optional<String> served;
    try {
      served = StatusClient.fetch(statusSocket.path);
    } catch (StatusClient.DeniedException e) {
      err.println("status: " + e.getMessage());
      return 1;
    }
    if (served.isPresent()) {
      return print(StatusJson.read(served.get()), out);
    }
    if (file == null) {
      err.println("status: no agent answers on " + statusSocket.path + "; give FILE to compute the status now");
      return ERROR;
    }
    Optional<DesiredState> desired = DesiredStateFile.load(file, err);
    if (desired.isEmpty()) {
      return ERROR;
    }
    try {
      return print(fresh(desired.get(), injector()), out);
    } catch (EngineException e) {
      err.println("status: " + e.getMessage());
      return ERROR;
    }
  }

  /** Observe and plan, as {@code plan} does, but show the result per object. Nothing is executed. */
  private StatusSnapshot fresh(DesiredState desired, Injector injector) {
    ObservedWorld world = injector.getInstance(WorldObserver.class).observe(desired, !systemd.noSystemd);
    // allowEmpty: a file without containers is still shown, with what applying it would remove.
    Plan plan = Planner.plan(desired, world,
        PlannerOptions.DEFAULT.withAllowEmpty(true).withNoSystemd(systemd.noSystemd));
    StatusView view = new StatusView(desired, Optional.of(world.engine()), name -> Optional.empty(), systemd.noSystemd);
    String summary = plan.isEmpty()
        ? "converged: nothing to do"
        : plan.actions().size() + " actions pending (`podkeeper plan` lists them)";
    PlanForecast forecast = PlanForecast.of(plan);
    List<ObjectStatus> rows = new ArrayList<>(
        view.rows(plan.actions().stream().map(a -> ActionStep.planned(a, forecast)).toList(), Map.of()));
    UpdateWatch updates = injector.getInstance(UpdateWatch.class);
    Instant now = injector.getInstance(Clock.class).instant();
    rows.addAll(UpdateRows.of(updates.current(desired, world.engine()),
        updates.openGates(desired, world.engine(), now)));
    return new StatusSnapshot(StatusSnapshot.FRESH, now, file.toString(),
        desired.stack(), "", summary, rows);
  }

  private Injector injector() throws Exception {
    return wiring.injector(options, spec.commandLine().getOut(), systemd.noSystemd);
  }

  /** {@code --watch}: FILE is read once; the engine is wired only if no agent answers at the first poll that needs it. */
  private int watch(PrintWriter out, PrintWriter err) throws Exception {
    if (intervalSeconds < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--interval must be at least 1 (seconds)");
    }
    Optional<DesiredState> desired = Optional.empty();
    if (file != null) {
      desired = DesiredStateFile.load(file, err);
      if (desired.isEmpty()) {
        return ERROR;
      }
    }
    Injector injector = desired.isPresent() ? injector() : null;
    Optional<DesiredState> fromFile = desired;
    new StatusWatch(() -> frame(fromFile, injector), out, System.console() != null,
        java.time.Duration.ofSeconds(intervalSeconds)).run();
    return SHOWN;
  }

  /** What the screen should show now: the agent's table, else a fresh one, else why there is none. */
  private String frame(Optional<DesiredState> desired, Injector injector) {
    String noAgent = "no agent answers on " + statusSocket.path;
    try {
      Optional<String> served = StatusClient.fetch(statusSocket.path);
      if (served.isPresent()) {
        return StatusTable.render(StatusJson.read(served.get()), ZoneId.systemDefault());
      }
      if (desired.isEmpty()) {
        return noAgent + "; waiting for one (give FILE to see the status computed meanwhile)\n";
      }
      return StatusTable.render(fresh(desired.get(), injector), ZoneId.systemDefault());
    } catch (StatusClient.DeniedException e) {
      return "status: " + e.getMessage() + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return "the agent's status is not readable: " + e.getOriginalMessage() + "\n";
    } catch (EngineException e) {
      return noAgent + ", and computing it now failed: " + e.getMessage() + "\n";
    }
  }

  private int print(StatusSnapshot snapshot, PrintWriter out) {
    out.print(json ? StatusJson.write(snapshot) + "\n" : StatusTable.render(snapshot, ZoneId.systemDefault()));
    out.flush();
    return !detailedExitCode || snapshot.converged() ? SHOWN : NOT_CONVERGED;
  }
}
