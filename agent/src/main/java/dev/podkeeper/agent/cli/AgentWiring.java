package dev.podkeeper.agent.cli;

import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import dev.podkeeper.agent.lifecycle.Bootstrap;
import dev.podkeeper.agent.lifecycle.LifeCycleManager;
import dev.podkeeper.agent.reconcile.LogSink;
import dev.podkeeper.agent.reconcile.ReconcileLog;
import dev.podkeeper.agent.wiring.ClockModule;
import dev.podkeeper.agent.wiring.EngineModule;
import dev.podkeeper.agent.wiring.HostModule;
import dev.podkeeper.agent.wiring.ProxyModule;
import dev.podkeeper.agent.wiring.NoSystemdModule;
import dev.podkeeper.agent.wiring.ReconcileModule;
import dev.podkeeper.agent.wiring.RegistryModule;
import dev.podkeeper.agent.wiring.UnitsModule;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The modules a command runs with; tests pass a twin that binds the in-memory fakes instead. */
@FunctionalInterface
public interface AgentWiring {
  AgentWiring PRODUCTION = (options, out) -> List.of(
      new EngineModule(options.podmanSocket()),
      new UnitsModule(options.systemdBus()),
      new HostModule(),
      new ProxyModule(),
      new RegistryModule(),
      new ClockModule(),
      // stdout is the reconcile log; under systemd its lines go to the journal with their fields instead.
      new ReconcileModule(LogSink.standardStream(1, out, options.logFormat(), System.getenv()),
          options.logEveryPass() ? Duration.ZERO : ReconcileLog.STILL_CONVERGED_EVERY));

  /** @param out the command's stdout, where the reconcile log goes */
  List<Module> modules(GlobalOptions options, PrintWriter out);

  /** The injector a command works with: these modules, then the command's own ({@code extra}). */
  default Injector injector(GlobalOptions options, PrintWriter out, Module... extra) throws Exception {
    return injector(options, out, false, extra);
  }

  /** @param noSystemd {@code --no-systemd}: whatever unit manager the modules bind gives way to one without D-Bus */
  default Injector injector(GlobalOptions options, PrintWriter out, boolean noSystemd, Module... extra)
      throws Exception {
    return injector(options, out, new LifeCycleManager(), noSystemd, extra);
  }

  /** As above, under a life cycle the caller made first (to stop it from a signal handler during start-up). */
  default Injector injector(GlobalOptions options, PrintWriter out, LifeCycleManager lifeCycle, boolean noSystemd,
      Module... extra) throws Exception {
    List<Module> all = new ArrayList<>(modules(options, out));
    all.addAll(List.of(extra));
    Module wired = Modules.combine(all);
    return new Bootstrap(lifeCycle, noSystemd ? Modules.override(wired).with(new NoSystemdModule()) : wired)
        .initialize();
  }
}
