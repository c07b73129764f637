package dev.podkeeper.agent.lifecycle;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Error (OutOfMemoryError, StackOverflowError, InternalError...) leaves the JVM in no state to trust: it
 * is logged with its stack trace and the process ends with status {@link #EXIT_STATUS}, so that systemd's
 * Restart=on-failure starts a fresh agent. Retrying in the same process could only fail again, or worse, go
 * on with a half-run pass. A LinkageError is not fatal here: a class that cannot load fails that pass only.
 */
public final class FatalErrors {
  private static final Logger log = LoggerFactory.getLogger(FatalErrors.class);
  /** EX_SOFTWARE (sysexits.h): an internal error. Any non-zero status makes Restart=on-failure restart. */
  public static final int EXIT_STATUS = 70;
  private static final AtomicBoolean exiting = new AtomicBoolean();

  private FatalErrors() {}

  public static boolean isFatal(Throwable e) {
    return e instanceof Error && !(e instanceof LinkageError);
  }

  /**
   * Logs {@code error} and ends the process: System.exit on a thread of its own (the caller may be a thread
   * the shutdown hook waits for), the shutdown hook stops the components, and a halt follows if they hang.
   */
  public static void exit(Throwable error) {
    if (!exiting.compareAndSet(false, true)) {
      return;
    }
    try {
      log.error("{} in thread {}: the agent cannot go on safely; exiting with status {} so that systemd "
          + "restarts it (Restart=on-failure)", error, Thread.currentThread().getName(), EXIT_STATUS, error);
      TerminationSignals.haltAfter(TerminationSignals.DEADLINE, EXIT_STATUS);
      Thread exit = new Thread(() -> System.exit(EXIT_STATUS), "podkeeper-fatal-exit");
      exit.start();
    } catch (Throwable cannotEvenLog) {
      // Out of memory for a log line or a thread: end now, without the orderly stop.
      Runtime.getRuntime().halt(EXIT_STATUS);
    }
  }

  /** Any thread that dies of an Error ends the agent; one that dies of an exception is logged with its trace. */
  public static void installDefaultHandler() {
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
      if (isFatal(e)) {
        exit(e);
      } else {
        log.error("thread {} died: {}", thread.getName(), e.toString(), e);
      }
    });
  }
}
