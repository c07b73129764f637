package dev.podkeeper.agent.cli;

import com.google.inject.Module;
import dev.podkeeper.agent.wiring.ClockModule;
import dev.podkeeper.agent.wiring.EngineModule;
import dev.podkeeper.agent.wiring.HostModule;
import dev.podkeeper.agent.wiring.ReconcileModule;
import dev.podkeeper.agent.wiring.UnitsModule;
import java.io.PrintWriter;
import java.util.List;

/** The modules a command runs with; tests pass a twin that binds the in-memory fakes instead. */
@FunctionalInterface
public interface AgentWiring {
  AgentWiring PRODUCTION = (options, out) -> List.of(
      new EngineModule(options.podmanSocket()),
      new UnitsModule(options.systemdBus()),
      new HostModule(),
      new ClockModule(),
      new ReconcileModule(options.logFormat(), out));

  /** @param out the command's stdout, where the reconcile log goes */
  List<Module> modules(GlobalOptions options, PrintWriter out);
}
