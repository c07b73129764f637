package dev.podkeeper.agent.cli;

import dev.podkeeper.agent.plan.PlannerOptions;
import dev.podkeeper.agent.reconcile.PassResult;
import dev.podkeeper.agent.reconcile.ReconcilePass;
import dev.podkeeper.agent.reconcile.Trigger;
import dev.podkeeper.model.desired.DesiredState;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code podkeeper apply FILE}: one reconcile pass; the reconcile log on stdout; exit 0 only if converged. */
@Command(name = "apply",
    description = "Run one reconcile pass and print the reconcile log.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:Converged: every action succeeded.", "1:Something failed or was skipped, or FILE is invalid.",
        "2:Usage error."})
public final class ApplyCommand implements Callable<Integer> {
  static final int CONVERGED = 0;
  static final int NOT_CONVERGED = 1;

  @Parameters(index = "0", paramLabel = "FILE", description = "The desired-state file.")
  Path file;

  @Option(names = "--allow-empty", description = "Apply a file that removes every container of the stack.")
  boolean allowEmpty;

  @Mixin
  GlobalOptions options;

  @Spec
  CommandSpec spec;

  private final AgentWiring wiring;

  public ApplyCommand() {
    this(AgentWiring.PRODUCTION);
  }

  ApplyCommand(AgentWiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public Integer call() throws Exception {
    Optional<DesiredState> desired = DesiredStateFile.load(file, spec.commandLine().getErr());
    if (desired.isEmpty()) {
      return NOT_CONVERGED;
    }
    ReconcilePass pass = wiring.injector(options, spec.commandLine().getOut()).getInstance(ReconcilePass.class);
    PassResult result = pass.run(desired.get(), Trigger.MANUAL, PlannerOptions.DEFAULT.withAllowEmpty(allowEmpty));
    return result.converged() ? CONVERGED : NOT_CONVERGED;
  }
}
