package dev.podkeeper.agent.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.podkeeper.agent.execute.Executor;
import dev.podkeeper.agent.execute.ExecutorOptions;
import dev.podkeeper.agent.execute.Sleeper;
import com.google.inject.multibindings.OptionalBinder;
import dev.podkeeper.agent.observe.EnginePicture;
import dev.podkeeper.agent.observe.ProxyEndpoints;
import dev.podkeeper.agent.observe.ProxyObserver;
import dev.podkeeper.agent.observe.SelectedReverseProxy;
import dev.podkeeper.agent.observe.WorldObserver;
import dev.podkeeper.agent.reconcile.LogFormat;
import dev.podkeeper.agent.reconcile.LogSink;
import dev.podkeeper.agent.reconcile.PassIds;
import dev.podkeeper.agent.reconcile.ReconcileLog;
import dev.podkeeper.agent.reconcile.ReconcilePass;
import dev.podkeeper.agent.update.RegistryChecks;
import dev.podkeeper.agent.update.UpdateEvents;
import dev.podkeeper.agent.update.UpdateSchedule;
import dev.podkeeper.agent.update.UpdateWatch;
import dev.podkeeper.model.port.ContainerEngine;
import dev.podkeeper.model.port.ImageRegistry;
import dev.podkeeper.model.port.HostFiles;
import dev.podkeeper.model.port.UnitManager;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Observe, plan, execute, log: the reconcile pass over whichever engine, units, host files and clock the
 * other modules bind. The planner is a static pure function and needs no binding.
 */
public final class ReconcileModule extends AbstractModule {
  private final LogSink sink;
  private final Duration stillConvergedEvery;

  /**
   * @param sink where the reconcile log goes: the product's stdout, or the journal under systemd
   * @param stillConvergedEvery how often a pass that changed nothing has a summary line (zero: every one)
   */
  public ReconcileModule(LogSink sink, Duration stillConvergedEvery) {
    this.sink = sink;
    this.stillConvergedEvery = stillConvergedEvery;
  }

  /** @param out where the reconcile log goes, in {@code format} */
  public ReconcileModule(LogFormat format, PrintWriter out) {
    this(LogSink.stream(out, format), ReconcileLog.STILL_CONVERGED_EVERY);
  }

  /** Without the proxy module (tests, commands that never reach a proxy), routes are never read or changed. */
  @Override
  protected void configure() {
    OptionalBinder.newOptionalBinder(binder(), ProxyEndpoints.class).setDefault().toInstance(ProxyEndpoints.NONE);
    OptionalBinder.newOptionalBinder(binder(), ImageRegistry.class);
    OptionalBinder.newOptionalBinder(binder(), UpdateEvents.class).setDefault().toInstance(UpdateEvents.NONE);
    OptionalBinder.newOptionalBinder(binder(), UpdateSchedule.class).setDefault().toInstance(UpdateSchedule.ON_REQUEST);
    // The one-shot commands list the engine every time; the agent binds a picture kept by the event stream.
    OptionalBinder.newOptionalBinder(binder(), EnginePicture.class).setDefault().toInstance(EnginePicture.alwaysList());
  }

  /** Without a registry bound (tests, commands that never ask one), followed images are not checked. */
  @Provides
  @Singleton
  UpdateWatch updates(Optional<ImageRegistry> registry, ContainerEngine engine, UpdateSchedule schedule,
      ReconcileLog log, Clock clock, UpdateEvents events) {
    return registry.map(r -> new UpdateWatch(new RegistryChecks(r, clock, new SplittableRandom()::nextDouble),
        engine, schedule, log, events)).orElse(UpdateWatch.NONE);
  }

  @Provides
  @Singleton
  SelectedReverseProxy proxy(ProxyEndpoints endpoints) {
    return new SelectedReverseProxy(endpoints);
  }

  @Provides
  @Singleton
  ProxyObserver proxyObserver(SelectedReverseProxy proxy) {
    return new ProxyObserver(proxy);
  }

  @Provides
  @Singleton
  WorldObserver observer(ContainerEngine engine, UnitManager units, HostFiles files, EnginePicture picture) {
    return new WorldObserver(engine, units, files, picture);
  }

  @Provides
  @Singleton
  Executor executor(ContainerEngine engine, UnitManager units, HostFiles files, SelectedReverseProxy proxy, Clock clock,
      UpdateWatch updates) {
    return new Executor(engine, units, files, proxy, clock, Sleeper.SYSTEM, ExecutorOptions.DEFAULT, updates);
  }

  @Provides
  @Singleton
  ReconcileLog log(Clock clock) {
    return new ReconcileLog(sink, clock, stillConvergedEvery);
  }

  @Provides
  @Singleton
  ReconcilePass pass(WorldObserver observer, ProxyObserver proxyObserver, Executor executor, ReconcileLog log,
      Clock clock, UpdateWatch updates) {
    return new ReconcilePass(observer, proxyObserver, executor, log, clock, PassIds.random(), updates);
  }
}
