package dev.podkeeper.agent.loop;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import dev.podkeeper.agent.host.PidfdExitWatch;
import dev.podkeeper.agent.lifecycle.ExecutorScheduler;
import dev.podkeeper.agent.lifecycle.FatalErrors;
import dev.podkeeper.agent.lifecycle.Scheduler;
import dev.podkeeper.agent.notify.ServiceNotifier;
import dev.podkeeper.agent.observe.EnginePicture;
import dev.podkeeper.agent.notify.StartupTimeoutExtension;
import dev.podkeeper.agent.notify.Watchdog;
import dev.podkeeper.agent.plan.PlannerOptions;
import dev.podkeeper.agent.reconcile.ReconcilePass;
import dev.podkeeper.agent.update.UpdateSchedule;
import dev.podkeeper.agent.update.UpdateWatch;
import dev.podkeeper.agent.status.StatusBoard;
import dev.podkeeper.agent.status.StatusServer;
import dev.podkeeper.model.port.ContainerEngine;
import dev.podkeeper.model.port.UnitManager;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * The long-running agent on top of the reconcile modules (engine, units, host, clock, reconcile pass):
 * the loop, its trigger sources, crash-loop backoff, systemd notification and the status socket.
 * Other modules may add {@link PassListener}s (told of every pass, after {@link ManualPasses}).
 */
public final class AgentLoopModule extends AbstractModule {
  private final RunSettings settings;
  private final DesiredStateStore store;
  private final ServiceNotifier notifier;

  /**
   * @param store already holding a valid desired state: {@code run} refuses to start without one
   * @param notifier made before the injector, so that a SIGTERM during start-up can say STOPPING=1
   */
  public AgentLoopModule(RunSettings settings, DesiredStateStore store, ServiceNotifier notifier) {
    this.settings = requireNonNull(settings, "settings is null");
    this.store = requireNonNull(store, "store is null");
    this.notifier = requireNonNull(notifier, "notifier is null");
  }

  @Override
  protected void configure() {
    bind(RunSettings.class).toInstance(settings);
    // The agent asks registries on each update policy's interval; plan and apply only on --check-updates.
    OptionalBinder.newOptionalBinder(binder(), UpdateSchedule.class).setBinding()
        .toInstance(UpdateSchedule.INTERVALS);
    bind(DesiredStateStore.class).toInstance(store);
    bind(CrashLoopBackoff.class).in(Singleton.class);
    bind(StatusBoard.class).in(Singleton.class);
    Multibinder<PassListener> listeners = Multibinder.newSetBinder(binder(), PassListener.class);
    listeners.addBinding().to(ManualPasses.class);
    listeners.addBinding().to(ProcessExitHints.class);
    OptionalBinder.newOptionalBinder(binder(), EnginePicture.class).setBinding().toInstance(EnginePicture.kept());
  }

  @Provides @Singleton
  Scheduler scheduler() {
    return new ExecutorScheduler();
  }

  /** Provided (not bound to the instance) so that the life cycle closes it, after RunningAgent's STOPPING=1. */
  @Provides @Singleton
  ServiceNotifier notifier() {
    return notifier;
  }

  @Provides @Singleton
  PassHeartbeat heartbeat() {
    return new PassHeartbeat();
  }

  @Provides @Singleton
  AgentPass pass(ReconcilePass pass, CrashLoopBackoff backoff, StatusBoard board, ServiceNotifier notifier,
      Clock clock, Set<PassListener> listeners) {
    PlannerOptions options = PlannerOptions.DEFAULT.withAllowEmpty(settings.allowEmpty())
        .withNoSystemd(settings.noSystemd()).withAdopt(settings.adopt());
    return new AgentPass(store, pass, options, backoff, board, notifier, clock, RetryPolicy.ACTIONS,
        PassListener.all(List.copyOf(listeners)));
  }

  @Provides @Singleton
  ReconcileLoop loop(AgentPass pass, ServiceNotifier notifier, PassHeartbeat heartbeat, Scheduler scheduler,
      Clock clock) {
    StartupTimeoutExtension startup = new StartupTimeoutExtension(notifier, scheduler, clock, heartbeat);
    return new ReconcileLoop(new NotifyingPassRunner(pass, notifier, startup), scheduler, clock, heartbeat,
        FatalErrors::exit);
  }

  /** The loop runs the passes that answer these: they reach the loop through a provider. */
  @Provides @Singleton
  ManualPasses manualPasses(Provider<ReconcileLoop> loop, UpdateWatch updates) {
    return new ManualPasses(trigger -> loop.get().request(trigger), () -> loop.get().passesStarted(), store,
        updates::checkNow);
  }

  /** It watches the stack's running containers after each pass, so it reaches the loop through a provider. */
  @Provides @Singleton
  ProcessExitHints exitHints(EnginePicture picture, Provider<ReconcileLoop> loop) {
    return new ProcessExitHints(PidfdExitWatch::open, picture, store::current, trigger -> loop.get().request(trigger));
  }

  @Provides @Singleton
  DesiredFileWatcher watcher(ReconcileLoop loop, Scheduler scheduler) {
    return new DesiredFileWatcher(settings.file(), loop, scheduler);
  }

  @Provides @Singleton
  EngineEventSource events(ContainerEngine engine, ReconcileLoop loop, Scheduler scheduler, Clock clock,
      EnginePicture picture) {
    return new EngineEventSource(engine, new ManagedEventFilter(store::current), loop, scheduler, clock, picture);
  }

  /** Created (and so started) with the other singletons: nothing else needs it. */
  @Provides @Singleton
  CaddyUnitWatch caddyUnitWatch(UnitManager units, ReconcileLoop loop) {
    return new CaddyUnitWatch(units, store::current, loop);
  }

  @Provides @Singleton
  PeriodicResync resync(ReconcileLoop loop, Scheduler scheduler) {
    return new PeriodicResync(loop, scheduler, settings.resync());
  }

  @Provides @Singleton
  HangupSignal hangup(ReconcileLoop loop) {
    return new HangupSignal(loop);
  }

  @Provides @Singleton
  Watchdog watchdog(ServiceNotifier notifier, Scheduler scheduler, Clock clock, PassHeartbeat heartbeat) {
    return new Watchdog(notifier, scheduler, clock, heartbeat, settings.env(), settings.pid());
  }

  @Provides @Singleton
  StatusServer statusServer(StatusBoard board, Clock clock, ManualPasses manual) {
    return new StatusServer(settings.statusSocket(), board, clock, settings.file(), manual);
  }

  /** Depends on every component, so that it is created, and started, last. */
  @Provides @Singleton
  RunningAgent agent(ReconcileLoop loop, ServiceNotifier notifier, DesiredFileWatcher watcher,
      EngineEventSource events, PeriodicResync resync, HangupSignal hangup, Watchdog watchdog,
      StatusServer status) {
    return new RunningAgent(loop, notifier, settings, watcher, events, resync, hangup);
  }
}
