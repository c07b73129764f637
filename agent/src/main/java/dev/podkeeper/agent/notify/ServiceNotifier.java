package dev.podkeeper.agent.notify;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the agent tells systemd (Type=notify): READY=1 once the first pass is done, a one-line STATUS=
 * after every pass (shown by {@code systemctl status}), WATCHDOG=1 pings, STOPPING=1 on the way out.
 * A failed send is logged, never thrown: systemd being unreachable must not stop reconciling.
 */
public final class ServiceNotifier implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServiceNotifier.class);

  private final NotifySocket socket;
  private final AtomicBoolean ready = new AtomicBoolean();
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

  public void stopping() {
    send("STOPPING=1\nSTATUS=stopping; containers are left running");
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
