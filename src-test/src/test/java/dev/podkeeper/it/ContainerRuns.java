package dev.podkeeper.it;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.model.observed.ObservedContainer;
import dev.podkeeper.podman.PodmanEngine;

/**
 * Tells one run of a container from the next, for tests that kill or restart a container and wait for the
 * agent's repair. Neither StartedAt nor the network namespace can tell them apart: Podman's list gives
 * StartedAt in whole seconds, and a container killed and started again at once often gets its old
 * namespace's inode back (the kernel hands out the lowest free one). PIDs are not handed out again so soon.
 */
public final class ContainerRuns {
  private final PodmanEngine api;

  public ContainerRuns(PodmanEngine api) {
    this.api = requireNonNull(api, "api is null");
  }

  /** The PID of the named container's main process; 0 when it does not run or does not exist. */
  public long pid(String name) {
    return api.listContainers().stream().filter(c -> c.name().equals(name)).findFirst()
        .filter(ObservedContainer::running)
        .map(c -> api.inspectProcess(c.id()).pid())
        .orElse(0L);
  }

  /** Whether the named container runs again, a run other than the one whose PID was {@code before}. */
  public boolean restartedSince(String name, long before) {
    long now = pid(name);
    return now != 0 && now != before;
  }
}
