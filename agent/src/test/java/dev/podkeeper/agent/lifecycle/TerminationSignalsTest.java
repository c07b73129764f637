package dev.podkeeper.agent.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** SIGTERM at any moment, start-up included: STOPPING=1 first, what started is stopped, exit status 0. */
class TerminationSignalsTest {
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final CountDownLatch slowStartEntered = new CountDownLatch(1);
  private final CountDownLatch slowStartMayEnd = new CountDownLatch(1);

  private final class Opened implements Managed {
    @Override
    public void start() {
      events.add("start opened");
    }

    @Override
    public void stop() {
      events.add("stop opened");
    }
  }

  /** Starts slowly, as the first event subscription does while Podman is slow to answer. */
  private final class Slow implements Managed {
    Slow(Opened opened) {}

    @Override
    public void start() throws InterruptedException {
      slowStartEntered.countDown();
      slowStartMayEnd.await(30, TimeUnit.SECONDS);
      events.add("start slow");
    }

    @Override
    public void stop() {
      events.add("stop slow");
    }
  }

  private final class Last implements Managed {
    Last(Slow slow) {}

    @Override
    public void start() {
      events.add("start last");
    }
  }

  @Test
  void aSigtermDuringStartUpSaysStoppingStopsWhatStartedAndExitsZero() throws Exception {
    LifeCycleManager lifeCycle = new LifeCycleManager();
    List<Integer> exits = new CopyOnWriteArrayList<>();
    TerminationSignals signals =
        new TerminationSignals(lifeCycle, () -> events.add("STOPPING=1"), () -> { }, exits::add);
    CompletableFuture<Void> starting = CompletableFuture.runAsync(() -> {
      try {
        new Bootstrap(lifeCycle, new AbstractModule() {
          @Provides @Singleton Opened opened() {
            return new Opened();
          }

          @Provides @Singleton Slow slow(Opened opened) {
            return new Slow(opened);
          }

          @Provides @Singleton Last last(Slow slow) {
            return new Last(slow);
          }
        }).initialize();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(slowStartEntered.await(30, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> terminating = CompletableFuture.runAsync(() -> signals.terminate("TERM"));
    await().until(() -> exits.contains(0) || events.contains("stop opened"));
    slowStartMayEnd.countDown();
    terminating.get(30, TimeUnit.SECONDS);
    starting.get(30, TimeUnit.SECONDS);

    assertThat(events.get(events.indexOf("start opened") + 1)).isEqualTo("STOPPING=1");
    assertThat(events).contains("stop slow", "stop opened").doesNotContain("start last");
    assertThat(events.indexOf("stop slow")).isLessThan(events.indexOf("stop opened"));
    assertThat(exits).containsExactly(0);
    assertThat(lifeCycle.stopped()).isTrue();
  }
}
