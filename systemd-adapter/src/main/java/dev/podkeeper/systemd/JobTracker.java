package dev.podkeeper.systemd;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Pairs systemd jobs with their JobRemoved results. A job can finish before the StartUnit reply that names it
 * is read, so results that nobody waits for yet are kept (the most recent few hundred) for a waiter that comes
 * late. Job paths are never reused while systemd runs.
 */
final class JobTracker {
  private static final int RECENT_RESULTS = 512;

  private final Map<String, CompletableFuture<String>> waiters = new HashMap<>();
  private final Map<String, String> recent = new LinkedHashMap<>(64, 0.75f, false) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > RECENT_RESULTS;
    }
  };

  /** Called from the JobRemoved signal handler. */
  synchronized void jobRemoved(String jobPath, String result) {
    CompletableFuture<String> waiter = waiters.remove(jobPath);
    if (waiter != null) {
      waiter.complete(result);
    } else {
      recent.put(jobPath, result);
    }
  }

  /**
   * The job's result ("done", "failed", "canceled", ...), or empty if it did not finish within {@code timeout}.
   *
   * @throws ExecutionException if the connection was lost while waiting ({@link #abandonAll})
   */
  Optional<String> await(String jobPath, Duration timeout) throws InterruptedException, ExecutionException {
    CompletableFuture<String> waiter;
    synchronized (this) {
      String result = recent.remove(jobPath);
      if (result != null) {
        return Optional.of(result);
      }
      waiter = waiters.computeIfAbsent(jobPath, p -> new CompletableFuture<>());
    }
    try {
      return Optional.of(waiter.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } finally {
      synchronized (this) {
        waiters.remove(jobPath, waiter);
      }
    }
  }

  synchronized int pendingWaiters() {
    return waiters.size();
  }

  /** The connection is gone: no JobRemoved will come for anything pending; wake every waiter. */
  synchronized void abandonAll(String reason) {
    waiters.values().forEach(w -> w.completeExceptionally(new IllegalStateException(reason)));
    waiters.clear();
    recent.clear();
  }
}
