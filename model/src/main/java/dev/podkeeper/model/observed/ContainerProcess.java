package dev.podkeeper.model.observed;

/**
 * The host processes of one container, as the engine's inspect reports them: what a look at the host
 * ({@code /proc/PID/ns/net}, {@code /proc/PID/net/route}, the sockets a process holds) starts from.
 *
 * @param pid the container's first process on the host; 0 when it does not run
 * @param conmonPid its monitor (Podman's conmon), which holds the host ports it publishes; 0 when it does not run
 */
public record ContainerProcess(long pid, long conmonPid) {
  public static final ContainerProcess NOT_RUNNING = new ContainerProcess(0, 0);

  public ContainerProcess {
    if (pid < 0 || conmonPid < 0) {
      throw new IllegalArgumentException("negative pid: " + pid + ", conmon " + conmonPid);
    }
  }

  public boolean running() {
    return pid > 0;
  }
}
