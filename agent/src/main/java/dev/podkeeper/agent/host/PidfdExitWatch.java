package dev.podkeeper.agent.host;

import static java.util.Objects.requireNonNull;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import dev.podkeeper.model.port.ProcessExitWatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches containers' main processes through pidfds (Linux 5.3): one thread waits in {@code poll} on all of
 * them and on an eventfd that wakes it when the set to watch changes, and tells the listener of each process
 * that ended. A PID is watched only once its process is known to be the container's ({@link #cgroupNames}: the
 * engine's cgroup of the container names its ID), so a reused PID or one of another PID namespace is never
 * taken for it, and a PID already gone when the watch would open it is left to the engine's events.
 * A host without pidfds (an older kernel, seccomp) gets one INFO line and no watch: the engine's events remain.
 */
public final class PidfdExitWatch implements ProcessExitWatch {
  private static final Logger log = LoggerFactory.getLogger(PidfdExitWatch.class);
  /** More than any stack here; beyond it a container's death is seen through the engine's events alone. */
  static final int MAX_WATCHED = 4096;
  /** The eventfd wakes the thread; the timeout only bounds each wait. */
  private static final int POLL_TIMEOUT_MILLIS = 60_000;
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
  private static final int POLLFD_BYTES = 8;

  private final Listener listener;
  private final BiPredicate<Long, String> belongs;
  private final int wakeFd;
  private final Thread thread;

  private final Object lock = new Object();
  private Map<String, Long> wanted = Map.of();
  private boolean closed;

  // Owned by the watch's thread.
  private final Map<String, Watched> open = new HashMap<>();
  /** By container ID, its process told of, or found not to be the container's: never opened again. */
  private final Map<String, Long> done = new HashMap<>();
  private boolean warnedFull;
  /** The set the thread last opened and closed pidfds for: tests wait for it before they end a process. */
  private volatile Map<String, Long> followed = Map.of();

  private PidfdExitWatch(Listener listener, BiPredicate<Long, String> belongs, int wakeFd) {
    this.listener = listener;
    this.belongs = belongs;
    this.wakeFd = wakeFd;
    this.thread = new Thread(this::run, "podkeeper-exit-watch");
    thread.setDaemon(true);
  }

  /** A watch on this host, or {@link ProcessExitWatch#NONE} (one INFO line) when it has no pidfds. */
  public static ProcessExitWatch open(Listener listener) {
    return open(listener, PidfdExitWatch::cgroupNames);
  }

  /** @param belongs whether the process of this PID is the container of this ID (tests: their own children) */
  static ProcessExitWatch open(Listener listener, BiPredicate<Long, String> belongs) {
    requireNonNull(listener, "listener is null");
    requireNonNull(belongs, "belongs is null");
    try {
      Libc.load();
      probePidfd();
      PidfdExitWatch watch = new PidfdExitWatch(listener, belongs, Libc.eventfd(0, Libc.EFD_CLOEXEC));
      watch.thread.start();
      return watch;
    } catch (LastErrorException | UnsupportedOperationException | LinkageError e) {
      log.info("container processes are not watched ({}): a container's death is seen through the engine's "
          + "events alone", e instanceof LastErrorException le ? "pidfd_open: " + Libc.strerror(le.getErrorCode())
              : e.getMessage());
      return ProcessExitWatch.NONE;
    }
  }

  /** The agent's own process: refused only where pidfds are not to be had. */
  private static void probePidfd() {
    new Fd((int) Libc.syscall(Libc.SYS_PIDFD_OPEN, ProcessHandle.current().pid(), 0)).close();
  }

  /**
   * Podman puts a container's processes in a cgroup named after its full ID ({@code libpod-ID.scope} under
   * systemd, {@code libpod-ID} under cgroupfs, conmon's {@code libpod-conmon-ID.scope} when it has none of its
   * own). Read from the kernel's {@code /proc}, which no container writes.
   */
  static boolean cgroupNames(long pid, String containerId) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(pid), "cgroup"), StandardCharsets.UTF_8)
          .contains(containerId);
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void watch(Map<String, Long> processes) {
    Map<String, Long> copy = Map.copyOf(processes);
    synchronized (lock) {
      if (!closed && !copy.equals(wanted)) {
        wanted = copy;
        wakeLocked();
      }
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      wakeLocked();
    }
    try {
      thread.join(CLOSE_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Under the lock: the thread closes the eventfd under it, and only once {@link #closed} is set. */
  private void wakeLocked() {
    try {
      Libc.write(wakeFd, new byte[] {1, 0, 0, 0, 0, 0, 0, 0}, 8);
    } catch (LastErrorException e) {
      log.debug("waking the exit watch failed: {}", Libc.strerror(e.getErrorCode()));
    }
  }

  private void run() {
    try {
      Map<String, Long> now;
      while ((now = current()) != null) {
        follow(now);
        followed = now;
        waitForExits();
      }
    } catch (LastErrorException e) {
      log.warn("container processes are no longer watched (poll: {}): a container's death is seen through the "
          + "engine's events alone", Libc.strerror(e.getErrorCode()));
    } finally {
      open.values().forEach(w -> w.fd.close());
      open.clear();
      synchronized (lock) {
        closed = true; // also after a failed poll: nobody may write to the eventfd's number once it is closed
        new Fd(wakeFd).close();
      }
    }
  }

  Map<String, Long> followed() {
    return followed;
  }

  /** What to watch now; null once closed. */
  private Map<String, Long> current() {
    synchronized (lock) {
      return closed ? null : wanted;
    }
  }

  /** Opens the new processes' pidfds and closes those of processes no longer named. */
  private void follow(Map<String, Long> now) {
    open.values().removeIf(w -> {
      boolean stale = !Long.valueOf(w.pid).equals(now.get(w.containerId));
      if (stale) {
        w.fd.close();
      }
      return stale;
    });
    done.entrySet().removeIf(e -> !e.getValue().equals(now.get(e.getKey())));
    now.forEach((id, pid) -> {
      if (!open.containsKey(id) && !pid.equals(done.get(id))) {
        openOne(id, pid);
      }
    });
  }

  private void openOne(String id, long pid) {
    if (open.size() >= MAX_WATCHED) {
      if (!warnedFull) {
        warnedFull = true;
        log.info("{} container processes watched, the most there may be; the others' deaths are seen through "
            + "the engine's events alone", MAX_WATCHED);
      }
      return;
    }
    Fd fd;
    try {
      fd = new Fd((int) Libc.syscall(Libc.SYS_PIDFD_OPEN, pid, 0));
    } catch (LastErrorException e) {
      // ESRCH: gone since the engine named it, or a number of another PID namespace than ours (podkeeper in a
      // container); only a process seen to end is told of, and the engine's own event tells of this one.
      done.put(id, pid);
      log.debug("process {} of container {} not watched: {}", pid, id, Libc.strerror(e.getErrorCode()));
      return;
    }
    // Checked after the open: from here on the pidfd is of this process, whatever becomes of the number.
    if (!belongs.test(pid, id)) {
      fd.close();
      done.put(id, pid);
      log.debug("process {} is not of container {}: not watched", pid, id);
      return;
    }
    open.put(id, new Watched(id, pid, fd));
  }

  private void waitForExits() {
    List<Watched> polled = new ArrayList<>(open.values());
    Memory fds = new Memory((long) POLLFD_BYTES * (polled.size() + 1));
    fds.clear();
    pollFd(fds, 0, wakeFd);
    for (int i = 0; i < polled.size(); i++) {
      pollFd(fds, i + 1, polled.get(i).fd.number());
    }
    try {
      Libc.poll(fds, polled.size() + 1, POLL_TIMEOUT_MILLIS);
    } catch (LastErrorException e) {
      if (e.getErrorCode() == Libc.EINTR) {
        return;
      }
      throw e;
    }
    if (revents(fds, 0) != 0) {
      Libc.read(wakeFd, new byte[8], 8);
    }
    for (int i = 0; i < polled.size(); i++) {
      if (revents(fds, i + 1) != 0) {
        Watched ended = polled.get(i);
        ended.fd.close();
        open.remove(ended.containerId);
        done.put(ended.containerId, ended.pid);
        tell(ended.containerId, ended.pid);
      }
    }
  }

  private void tell(String id, long pid) {
    try {
      listener.exited(id, pid);
    } catch (RuntimeException e) {
      log.warn("telling of the end of process {} of container {} failed", pid, id, e);
    }
  }

  private static void pollFd(Memory fds, int index, int fd) {
    fds.setInt((long) index * POLLFD_BYTES, fd);
    fds.setShort((long) index * POLLFD_BYTES + 4, Libc.POLLIN);
  }

  private static short revents(Memory fds, int index) {
    return fds.getShort((long) index * POLLFD_BYTES + 6);
  }

  private record Watched(String containerId, long pid, Fd fd) {}
}
