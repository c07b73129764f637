package dev.podkeeper.it;

import java.util.concurrent.TimeUnit;

/** Peers a test started itself (Caddy, a registry): stopped by their own process handle, never by name. */
public final class TestProcesses {
  private TestProcesses() {}

  /** SIGTERM, then SIGKILL after 10 s. */
  public static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
