package dev.podkeeper.agent.cli;

import com.google.inject.Injector;
import dev.podkeeper.agent.doctor.DoctorFacts;
import dev.podkeeper.agent.doctor.DoctorJson;
import dev.podkeeper.agent.doctor.DoctorReport;
import dev.podkeeper.agent.doctor.DoctorText;
import dev.podkeeper.agent.doctor.FactsGatherer;
import dev.podkeeper.agent.doctor.LocalProcFs;
import dev.podkeeper.agent.doctor.NetworkProbes;
import dev.podkeeper.agent.doctor.ProcFs;
import dev.podkeeper.agent.doctor.Probes;
import dev.podkeeper.agent.observe.WorldObserver;
import dev.podkeeper.agent.status.StatusClient;
import dev.podkeeper.agent.status.StatusJson;
import dev.podkeeper.agent.status.StatusSnapshot;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.port.ContainerEngine;
import dev.podkeeper.model.port.EngineException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code podkeeper doctor FILE}: the live host checked against the file (spec section 8), each finding with its
 * verdict, evidence and fix. Reads the engine, {@code /proc}, the published ports and route upstreams, and the
 * running agent's status; changes nothing.
 */
@Command(name = "doctor",
    description = "Check the live host against FILE: namespaces, the VPN route, published ports and who holds "
        + "them, route upstreams, containers that keep exiting, directories, env files and units. Changes nothing.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:Every check holds (warnings may be shown).", "1:A problem was found.",
        "2:Could not look: FILE is invalid, or the engine cannot be reached. Also: usage error."})
public final class DoctorCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "The desired-state file.")
  Path file;

  @Option(names = "--json", description = "Print one JSON document instead of text.")
  boolean json;

  @Mixin
  StatusSocketOption statusSocket;

  @Mixin
  NoSystemdOption systemd;

  @Mixin
  GlobalOptions options;

  @Spec
  CommandSpec spec;

  private final AgentWiring wiring;
  private final ProcFs proc;
  private final Supplier<Probes> probes;

  /**
   * The probes are made only when doctor runs: picocli builds every subcommand on each start, and
   * {@link NetworkProbes}' HTTP client costs every command about 0.2 s (the JDK's TLS context and trust store)
   * and up to 0.3 s more at exit (the JVM waits for its selector thread, blocked in native code).
   */
  public DoctorCommand() {
    this(AgentWiring.PRODUCTION, new LocalProcFs(), NetworkProbes::new);
  }

  DoctorCommand(AgentWiring wiring, ProcFs proc, Supplier<Probes> probes) {
    this.wiring = wiring;
    this.proc = proc;
    this.probes = probes;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<DesiredState> desired = DesiredStateFile.load(file, err);
    if (desired.isEmpty()) {
      return couldNotLook("doctor: " + file + " is invalid; nothing to check against", out, err);
    }
    Injector injector = wiring.injector(options, out, systemd.noSystemd);
    Clock clock = injector.getInstance(Clock.class);
    FactsGatherer gatherer = new FactsGatherer(injector.getInstance(ContainerEngine.class),
        injector.getInstance(WorldObserver.class), proc, probes.get(), clock);
    DoctorFacts facts;
    try {
      facts = gatherer.gather(desired.get(), agentView(err), statusSocket.path, !systemd.noSystemd);
    } catch (EngineException e) {
      return couldNotLook("doctor: could not look: " + e.getMessage(), out, err);
    }
    DoctorReport report = DoctorReport.of(file.toString(), clock.instant(), facts);
    out.print(json ? DoctorJson.write(report) + "\n" : DoctorText.render(report));
    out.flush();
    return report.exitCode();
  }

  /** The running agent's status, if one answers; a socket this user may not open is said, not fatal. */
  private Optional<StatusSnapshot> agentView(PrintWriter err) {
    try {
      Optional<String> served = StatusClient.fetch(statusSocket.path);
      return served.isPresent() ? Optional.of(StatusJson.read(served.get())) : Optional.empty();
    } catch (StatusClient.DeniedException e) {
      err.println("doctor: the agent's status: " + e.getMessage() + "; checking without it");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      err.println("doctor: the agent's status is not readable (" + e.getOriginalMessage() + "); checking without it");
    }
    return Optional.empty();
  }

  private int couldNotLook(String message, PrintWriter out, PrintWriter err) {
    err.println(message);
    if (json) {
      out.println(DoctorJson.couldNotLook(file.toString(), message));
      out.flush();
    }
    return DoctorReport.COULD_NOT_LOOK;
  }
}
