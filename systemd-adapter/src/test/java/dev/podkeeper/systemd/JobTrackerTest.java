package dev.podkeeper.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JobTrackerTest {
  private final JobTracker jobs = new JobTracker();

  @Test
  void aResultThatArrivesBeforeTheWaiterIsKeptForIt() throws Exception {
    jobs.jobRemoved("/org/freedesktop/systemd1/job/7", "done");

    assertThat(jobs.await("/org/freedesktop/systemd1/job/7", Duration.ZERO)).contains("done");
  }

  @Test
  void aWaiterGetsTheResultOfItsOwnJobOnly() throws Exception {
    CompletableFuture<Optional<String>> waiting =
        CompletableFuture.supplyAsync(() -> await("/org/freedesktop/systemd1/job/8", Duration.ofSeconds(10)));

    jobs.jobRemoved("/org/freedesktop/systemd1/job/9", "done");
    jobs.jobRemoved("/org/freedesktop/systemd1/job/8", "failed");

    assertThat(waiting.get(10, TimeUnit.SECONDS)).contains("failed");
    assertThat(jobs.await("/org/freedesktop/systemd1/job/9", Duration.ZERO)).contains("done");
  }

  @Test
  void noResultWithinTheTimeoutIsEmpty() throws Exception {
    assertThat(jobs.await("/org/freedesktop/systemd1/job/10", Duration.ofMillis(20))).isEmpty();
  }

  @Test
  void abandoningWakesTheWaitersWithTheReason() {
    CompletableFuture<Optional<String>> waiting =
        CompletableFuture.supplyAsync(() -> await("/org/freedesktop/systemd1/job/11", Duration.ofSeconds(10)));
    while (!waiting.isDone() && jobs.pendingWaiters() == 0) {
      Thread.onSpinWait();
    }

    jobs.abandonAll("bus gone");

    assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).hasMessageContaining("bus gone");
  }

  private Optional<String> await(String job, Duration timeout) {
    try {
      return jobs.await(job, timeout);
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e.getCause() == null ? e.getMessage() : e.getCause().getMessage(), e);
    }
  }
}
