package dev.podkeeper.agent.lifecycle;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM (systemd's stop) and SIGINT end the agent cleanly: systemd is told STOPPING=1 first, every
 * component stops in reverse order, and the process exits 0, which systemd counts as a clean stop (the JVM's
 * own handler would exit 143). Installed before the injector creates anything, so that a SIGTERM during
 * start-up (a slow first subscription, a long first pass) is a clean stop too. If a component hangs, the
 * process halts anyway after {@link #DEADLINE}, inside systemd's default 90 s and the 10 s the spec promises.
 * Containers are never stopped: nothing in the stop path touches the engine.
 */
public final class TerminationSignals {
  private static final Logger log = LoggerFactory.getLogger(TerminationSignals.class);
  public static final Duration DEADLINE = Duration.ofMillis(9500);

  private final LifeCycleManager lifeCycle;
  private final Runnable stopping;
  private final Runnable armDeadline;
  private final IntConsumer exit;

  /** @param stopping tells systemd STOPPING=1; runs before anything stops */
  public TerminationSignals(LifeCycleManager lifeCycle, Runnable stopping) {
    this(lifeCycle, stopping, () -> haltAfter(DEADLINE, 0), System::exit);
  }

  /** For tests: what arms the halt deadline and what exits, instead of the JVM's own. */
  TerminationSignals(LifeCycleManager lifeCycle, Runnable stopping, Runnable armDeadline, IntConsumer exit) {
    this.lifeCycle = requireNonNull(lifeCycle, "lifeCycle is null");
    this.stopping = requireNonNull(stopping, "stopping is null");
    this.armDeadline = requireNonNull(armDeadline, "armDeadline is null");
    this.exit = requireNonNull(exit, "exit is null");
  }

  public void install() {
    Signal.handle(new Signal("TERM"), signal -> terminate(signal.getName()));
    Signal.handle(new Signal("INT"), signal -> terminate(signal.getName()));
  }

  void terminate(String signal) {
    log.info("SIG{}: stopping the agent; containers are left running", signal);
    armDeadline.run();
    stopping.run();
    lifeCycle.stop();
    exit.accept(0);
  }

  /** Ends the process with {@code status} after {@code deadline}, whatever still runs (a hung stop, a hook). */
  public static void haltAfter(Duration deadline, int status) {
    Thread halt = new Thread(() -> {
      try {
        Thread.sleep(deadline.toMillis());
        log.warn("the agent did not stop within {} ms; halting", deadline.toMillis());
        Runtime.getRuntime().halt(status);
      } catch (InterruptedException e) {
        // the process is ending anyway
      }
    }, "podkeeper-stop-deadline");
    halt.setDaemon(true);
    halt.start();
  }
}
