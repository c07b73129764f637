package dev.podkeeper.agent.cli;

import com.google.inject.Injector;
import dev.podkeeper.agent.observe.ProxyObserver;
import dev.podkeeper.agent.observe.WorldObserver;
import dev.podkeeper.agent.plan.ObservedWorld;
import dev.podkeeper.agent.plan.Plan;
import dev.podkeeper.agent.plan.PlanRefusedException;
import dev.podkeeper.agent.plan.Planner;
import dev.podkeeper.agent.plan.PlannerOptions;
import dev.podkeeper.agent.reconcile.ReconcilePass;
import dev.podkeeper.agent.update.UpdateText;
import dev.podkeeper.agent.update.UpdateWatch;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.port.EngineException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code podkeeper plan FILE}: what apply would do, each action with its cause. Changes nothing. */
@Command(name = "plan",
    description = "Print the actions apply would take, each with its cause. Changes nothing.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:Planned (with --detailed-exitcode: nothing to do).", "1:FILE is invalid, or the engine failed.",
        "2:With --detailed-exitcode: changes are pending. Without: usage error."})
public final class PlanCommand implements Callable<Integer> {
  static final int NO_CHANGES = 0;
  static final int ERROR = 1;
  static final int CHANGES_PENDING = 2;

  @Parameters(index = "0", paramLabel = "FILE", description = "The desired-state file.")
  Path file;

  @Option(names = "--detailed-exitcode",
      description = "Exit 0 when there is nothing to do, 2 when changes are pending, 1 on error.")
  boolean detailedExitCode;

  @Option(names = "--allow-empty", description = "Plan a file that removes every container of the stack.")
  boolean allowEmpty;

  @Option(names = "--check-updates",
      description = "Ask the registry now what the tag of every image followed by an update policy names.")
  boolean checkUpdates;

  @Mixin
  NoSystemdOption systemd;

  @Mixin
  AdoptOption adopt;

  @Mixin
  GlobalOptions options;

  @Spec
  CommandSpec spec;

  private final AgentWiring wiring;

  public PlanCommand() {
    this(AgentWiring.PRODUCTION);
  }

  PlanCommand(AgentWiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    Optional<DesiredState> desired = DesiredStateFile.loadWithWarnings(file, HostAddressList.current(), err);
    if (desired.isEmpty()) {
      return ERROR;
    }
    Injector injector = wiring.injector(options, out, systemd.noSystemd);
    PlannerOptions plannerOptions = PlannerOptions.DEFAULT.withAllowEmpty(allowEmpty).withNoSystemd(systemd.noSystemd)
          .withAdopt(adopt.names);
    Plan plan;
    Optional<UpdateWatch.Preview> updates = Optional.empty();
    try {
      WorldObserver observer = injector.getInstance(WorldObserver.class);
      ProxyObserver proxy = injector.getInstance(ProxyObserver.class);
      ObservedWorld world = observer.observe(desired.get(), !systemd.noSystemd, plannerOptions.adopt());
      UpdateWatch watch = injector.getInstance(UpdateWatch.class);
      if (checkUpdates) {
        updates = Optional.of(watch.preview(desired.get(), world.engine()));
      }
      // Without --check-updates no registry is asked, but policy local's findings are made, as apply's pass makes
      // them: the plan shows the updates apply would perform.
      PlannerOptions updating = plannerOptions.withUpdates(UpdateWatch.toPerform(updates
          .map(UpdateWatch.Preview::findings).orElseGet(() -> watch.current(desired.get(), world.engine()))))
          .withGates(watch.openGates(desired.get(), world.engine(), injector.getInstance(Clock.class).instant()));
      plan = Planner.plan(desired.get(), world, proxy.observe(desired.get()), updating);
    } catch (EngineException | PlanRefusedException e) {
      err.println("plan: " + e.getMessage());
      return ERROR;
    }
    PlanPrinter.print(plan, desired.get(), ReconcilePass.noSystemdNote(desired.get(), plannerOptions), out);
    updates.filter(u -> !u.findings().isEmpty()).ifPresent(u -> {
      out.println("Image updates (asked the registry now: " + u.referencesAsked() + " reference"
          + (u.referencesAsked() == 1 ? "" : "s") + " in " + u.took().toMillis() + " ms):");
      u.findings().forEach(f -> out.println("  " + f.container() + ": " + f.image() + " " + UpdateText.line(f)));
    });
    if (!detailedExitCode) {
      return NO_CHANGES;
    }
    return plan.isEmpty() ? NO_CHANGES : CHANGES_PENDING;
  }
}
