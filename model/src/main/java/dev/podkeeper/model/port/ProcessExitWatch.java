package dev.podkeeper.model.port;

import java.util.Map;

/**
 * The host kernel's word that a container's main process has ended, the moment it ends. An engine tells of a
 * death only once it has noticed it itself: Podman 4.3's event stream reads its event log by polling it every
 * 250 ms, after its cleanup process has written the event, so a {@code died} event arrives 80-250 ms after the
 * process ended. A watch of the process itself has it within a millisecond. The agent's next plan believes it
 * (the container exited, how is not known yet), which can only start the container again, a call the engine
 * checks under the container's own lock; the pass after asks the engine, and the engine's events still come.
 *
 * <p>Implemented for Linux by the agent (pidfds) and in memory by the agent's tests.
 */
public interface ProcessExitWatch extends AutoCloseable {

  /** A watch that never tells: the one-shot commands, or a host that cannot watch processes. */
  ProcessExitWatch NONE = new ProcessExitWatch() {
    @Override
    public void watch(Map<String, Long> processes) {}

    @Override
    public void close() {}
  };

  /**
   * Watches exactly these processes from now on, by container ID, each the host PID the engine gave for the
   * container's main process; the ones of an earlier call that are not named again are no longer watched. A
   * process that is not the container's (its PID was reused, or is of another PID namespace) is not watched.
   * Returns at once.
   */
  void watch(Map<String, Long> processes);

  /** Stops watching and releases what the watch holds; no exit is told after it. */
  @Override
  void close();

  /** Told, on the watch's own thread, once per watched process, that it has ended. */
  @FunctionalInterface
  interface Listener {
    void exited(String containerId, long pid);
  }
}
