package dev.podkeeper.agent.loop;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.notify.ServiceNotifier;
import dev.podkeeper.agent.notify.StartupTimeoutExtension;

/**
 * What systemd hears around a pass, whatever the pass does: the start-up timeout is extended while the
 * first pass works, and a pass that throws still says so in STATUS=, the first one with READY=1: the agent is
 * up and retrying even when the engine is not (yet) reachable, and {@code systemctl status} says why.
 * A pass that completes sends its own READY=1 and STATUS= ({@link AgentPass}).
 */
final class NotifyingPassRunner implements PassRunner {
  private final PassRunner pass;
  private final ServiceNotifier notifier;
  private final StartupTimeoutExtension startup;
  private boolean firstDone; // only touched by the loop's one worker

  NotifyingPassRunner(PassRunner pass, ServiceNotifier notifier, StartupTimeoutExtension startup) {
    this.pass = requireNonNull(pass, "pass is null");
    this.notifier = requireNonNull(notifier, "notifier is null");
    this.startup = requireNonNull(startup, "startup is null");
  }

  @Override
  public PassOutcome run(PassRequest request) throws Exception {
    boolean first = !firstDone;
    if (first) {
      startup.begin();
    }
    try {
      return pass.run(request);
    } catch (Exception | LinkageError e) {
      notifier.readyWithStatus("the " + request.triggerWords() + " pass failed: " + Errors.describe(e)
          + "; retrying");
      throw e;
    } finally {
      if (first) {
        firstDone = true;
        startup.end();
      }
    }
  }
}
