package dev.podkeeper.agent.status;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** The latest snapshot: written after every pass by the loop's worker, read by the status socket. */
public final class StatusBoard {
  private final AtomicReference<StatusSnapshot> latest = new AtomicReference<>();

  public void publish(StatusSnapshot snapshot) {
    latest.set(snapshot);
  }

  /** Empty until the first pass has finished. */
  public Optional<StatusSnapshot> latest() {
    return Optional.ofNullable(latest.get());
  }
}
