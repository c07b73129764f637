package dev.podkeeper.agent.cli;

import dev.podkeeper.agent.lock.StackLock;
import dev.podkeeper.agent.plan.PlannerOptions;
import dev.podkeeper.agent.reconcile.PassResult;
import com.google.inject.Injector;
import dev.podkeeper.agent.reconcile.ReconcilePass;
import dev.podkeeper.agent.update.UpdateWatch;
import dev.podkeeper.agent.reconcile.Trigger;
import dev.podkeeper.agent.status.PassExchange;
import dev.podkeeper.model.desired.DesiredState;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code podkeeper apply FILE}: one reconcile pass; the reconcile log on stdout; exit 0 only if converged.
 * Never a second writer: while an agent keeps the stack, the agent runs the pass ({@link OneWriter}).
 */
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

  @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "15m",
      converter = RunCommand.DurationConverter.class,
      description = "While another podkeeper writes this stack: how long to wait for it (its lock, or the running "
          + "agent's pass). Default: ${DEFAULT-VALUE}.")
  Duration wait;

  @Option(names = "--check-updates",
      description = "Ask the registry now, not on the policy's interval, what the tag of every followed image names.")
  boolean checkUpdates;

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
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    OneWriter.Turn turn;
    try {
      turn = new OneWriter(statusSocket.path, err).take(desired.get().stack(),
          new PassExchange.Ask(options.logFormat(), file, checkUpdates), wait);
    } catch (IOException e) {
      err.println("apply: cannot take the lock of stack " + desired.get().stack() + ": " + e.getMessage());
      return NOT_CONVERGED;
    }
    if (turn instanceof OneWriter.Turn.AgentRan ran) {
      ran.answer().lines().forEach(out::println);
      out.flush();
      return ran.answer().verdict() == PassExchange.Verdict.CONVERGED ? CONVERGED : NOT_CONVERGED;
    }
    if (!(turn instanceof OneWriter.Turn.Own own)) {
      return NOT_CONVERGED;
    }
    try (StackLock lock = own.lock()) {
      Injector injector = wiring.injector(options, out, systemd.noSystemd);
      if (checkUpdates) {
        injector.getInstance(UpdateWatch.class).checkNow();
      }
      ReconcilePass pass = injector.getInstance(ReconcilePass.class);
      PassResult result = pass.run(desired.get(), Trigger.MANUAL,
          PlannerOptions.DEFAULT.withAllowEmpty(allowEmpty).withNoSystemd(systemd.noSystemd)
          .withAdopt(adopt.names));
      return result.converged() ? CONVERGED : NOT_CONVERGED;
    }
  }
}
