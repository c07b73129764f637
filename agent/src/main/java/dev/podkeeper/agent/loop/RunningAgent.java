package dev.podkeeper.agent.loop;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.lifecycle.Managed;
import dev.podkeeper.agent.notify.ServiceNotifier;
import dev.podkeeper.agent.reconcile.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent as a whole. It depends on every trigger source, so the injector creates it last: it starts
 * last, once everything listens, by asking for the startup pass; it stops first, telling systemd
 * STOPPING=1 before the sources and the loop wind down.
 */
public final class RunningAgent implements Managed {
  private static final Logger log = LoggerFactory.getLogger(RunningAgent.class);

  private final ReconcileLoop loop;
  private final ServiceNotifier notifier;
  private final RunSettings settings;

  /** The sources are taken only so that they exist (and start) before this does. */
  public RunningAgent(ReconcileLoop loop, ServiceNotifier notifier, RunSettings settings,
      DesiredFileWatcher watcher, EngineEventSource events, PeriodicResync resync, HangupSignal hangup) {
    this.loop = requireNonNull(loop, "loop is null");
    this.notifier = requireNonNull(notifier, "notifier is null");
    this.settings = requireNonNull(settings, "settings is null");
    requireNonNull(watcher, "watcher is null");
    requireNonNull(events, "events is null");
    requireNonNull(resync, "resync is null");
    requireNonNull(hangup, "hangup is null");
  }

  @Override
  public void start() {
    log.info("podkeeper agent keeping {} (resync every {} s)", settings.file(), settings.resync().toSeconds());
    loop.request(Trigger.STARTUP);
  }

  @Override
  public void stop() {
    log.info("stopping: no further passes; containers are left running");
    notifier.stopping();
  }
}
