package dev.podkeeper.agent.notify;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the agent tells systemd (Type=notify): READY=1 once the first pass is done, a one-line STATUS=
 * after every pass (shown by {@code systemctl status}), WATCHDOG=1 pings, EXTEND_TIMEOUT_USEC= while the
 * first pass works, STOPPING=1 (once) on the way out.
 * A failed send is logged, never thrown: systemd being unreachable must not stop reconciling.
 */
public final class ServiceNotifier implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServiceNotifier.class);

  private final NotifySocket socket;
  private final AtomicBoolean ready = new AtomicBoolean();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AtomicBoolean sendFailureLogged = new AtomicBoolean();

  public ServiceNotifier(NotifySocket socket) {
    this.socket = requireNonNull(socket, "socket is null");
  }

  /** Sends READY=1 the first time only, with the status of that first pass. */
  public void readyWithStatus(String summary) {
    if (ready.compareAndSet(false, true)) {
      send("READY=1\nSTATUS=" + oneLine(summary));
    } else {
      status(summary);
    }
  }

  public void status(String summary) {
    send("STATUS=" + oneLine(summary));
  }

  public void watchdog() {
    send("WATCHDOG=1");
  }

  /**
   * Asks systemd for {@code more} time from now before it counts the start as failed (TimeoutStartSec=);
   * systemd only ever lengthens the timeout this way. Nothing is sent once READY=1 went out.
   */
  public void extendStartTimeout(Duration more) {
    if (!ready.get()) {
      send("EXTEND_TIMEOUT_USEC=" + TimeUnit.NANOSECONDS.toMicros(more.toNanos()));
    }
  }

  /** The first call only: a SIGTERM during start-up and the agent's own stop both say it. */
  public void stopping() {
    if (stopping.compareAndSet(false, true)) {
      send("STOPPING=1\nSTATUS=stopping; containers are left running");
    }
  }

  /** A newline would start a new KEY=VALUE line: the status must stay one line. */
  static String oneLine(String text) {
    return text.replaceAll("[\\r\\n]+", " ").strip();
  }

  private void send(String message) {
    try {
      socket.send(message);
    } catch (IOException e) {
      if (sendFailureLogged.compareAndSet(false, true)) {
        log.warn("could not notify systemd through {}: {}", socket, e.getMessage());
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
