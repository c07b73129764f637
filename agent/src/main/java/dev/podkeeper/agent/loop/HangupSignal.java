package dev.podkeeper.agent.loop;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.lifecycle.Managed;
import dev.podkeeper.agent.reconcile.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGHUP asks for a {@link Trigger#SIGNAL} pass, which re-reads the file first (the Unix convention for
 * "reload your configuration", and the way to pick up a change the watcher cannot see, e.g. on NFS).
 * {@code sun.misc.Signal} is the only signal API the JDK has; it lives on in jdk.unsupported.
 */
public final class HangupSignal implements Managed {
  private static final Logger log = LoggerFactory.getLogger(HangupSignal.class);
  private static final Signal HUP = new Signal("HUP");

  private final PassRequester loop;
  private SignalHandler previous;

  public HangupSignal(PassRequester loop) {
    this.loop = requireNonNull(loop, "loop is null");
  }

  @Override
  public void start() {
    previous = Signal.handle(HUP, signal -> {
      log.info("SIGHUP: re-reading the desired-state file");
      loop.request(Trigger.SIGNAL);
    });
    if (!listening()) {
      // The JVM leaves a signal that was ignored when it started (nohup, a parent's SIG_IGN) ignored, and
      // calls no handler for it: say so once, rather than let a kill -HUP be lost without a word.
      log.warn("SIGHUP was ignored when podkeeper started (nohup?), so it cannot ask for a reload: the file "
          + "watcher and the periodic resync still re-read the file");
    }
  }

  /** SIGHUP reaches this handler: false when the process started with SIGHUP ignored. */
  public boolean listening() {
    return previous != null && previous != SignalHandler.SIG_IGN;
  }

  @Override
  public void stop() {
    if (previous != null) {
      Signal.handle(HUP, previous);
    }
  }
}
