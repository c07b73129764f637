package dev.podkeeper.agent.lifecycle;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM (systemd's stop) and SIGINT end the agent cleanly: every component stops in reverse order, and
 * the process exits 0, which systemd counts as a clean stop (the JVM's own handler would exit 143). If a
 * component hangs, the process halts anyway after {@link #DEADLINE}, inside systemd's default 90 s and the
 * 10 s the spec promises. Containers are never stopped: nothing in the stop path touches the engine.
 */
public final class TerminationSignals {
  private static final Logger log = LoggerFactory.getLogger(TerminationSignals.class);
  public static final Duration DEADLINE = Duration.ofMillis(9500);

  private final LifeCycleManager lifeCycle;

  public TerminationSignals(LifeCycleManager lifeCycle) {
    this.lifeCycle = requireNonNull(lifeCycle, "lifeCycle is null");
  }

  public void install() {
    Signal.handle(new Signal("TERM"), this::terminate);
    Signal.handle(new Signal("INT"), this::terminate);
  }

  private void terminate(Signal signal) {
    log.info("SIG{}: stopping the agent; containers are left running", signal.getName());
    Thread deadline = new Thread(() -> {
      try {
        Thread.sleep(DEADLINE.toMillis());
        log.warn("the agent did not stop within {} ms; halting", DEADLINE.toMillis());
        Runtime.getRuntime().halt(0);
      } catch (InterruptedException e) {
        // stopped in time
      }
    }, "podkeeper-stop-deadline");
    deadline.setDaemon(true);
    deadline.start();
    lifeCycle.stop();
    System.exit(0);
  }
}
