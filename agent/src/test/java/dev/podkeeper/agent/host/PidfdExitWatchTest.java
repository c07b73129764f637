package dev.podkeeper.agent.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podkeeper.model.port.ProcessExitWatch;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pidfd watch on this host's kernel, with processes of the test's own standing in for containers. */
class PidfdExitWatchTest {
  private final BlockingQueue<String> told = new LinkedBlockingQueue<>();
  private final Set<Long> ours = ConcurrentHashMap.newKeySet();
  private final List<Process> started = new ArrayList<>();
  private final ProcessExitWatch watch =
      PidfdExitWatch.open((id, pid) -> told.add(id + "@" + pid), (pid, id) -> ours.contains(pid));

  @AfterEach
  void endAll() {
    watch.close();
    started.forEach(Process::destroyForcibly);
  }

  @Test
  void aWatchedProcessThatIsKilledIsToldAtOnce() throws Exception {
    Process a = sleeper();
    Process b = sleeper();
    watchAndWait(Map.of("a", a.pid(), "b", b.pid()));

    long killedAt = System.nanoTime();
    a.destroyForcibly();

    assertThat(told.poll(5, TimeUnit.SECONDS)).isEqualTo("a@" + a.pid());
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt)).as("ms").isLessThan(1000);
    assertThat(told.poll(200, TimeUnit.MILLISECONDS)).as("b runs on").isNull();
  }

  @Test
  void aProcessNoLongerNamedIsNotTold() throws Exception {
    Process a = sleeper();
    Process b = sleeper();
    watch.watch(Map.of("a", a.pid(), "b", b.pid()));
    watchAndWait(Map.of("b", b.pid()));

    a.destroyForcibly();
    b.destroyForcibly();

    assertThat(told.poll(5, TimeUnit.SECONDS)).isEqualTo("b@" + b.pid());
    assertThat(told.poll(200, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void aProcessGoneBeforeTheWatchOpensItIsNotToldOf() throws Exception {
    Process gone = sleeper();
    gone.destroyForcibly().waitFor();
    Process other = sleeper();

    watchAndWait(Map.of("gone", gone.pid(), "other", other.pid()));
    other.destroyForcibly();

    assertThat(told.poll(5, TimeUnit.SECONDS)).as("only the process seen to end").isEqualTo("other@" + other.pid());
    assertThat(told.poll(200, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void aProcessThatIsNotTheContainersIsNotWatched() throws Exception {
    Process stranger = new ProcessBuilder("sleep", "60").start();
    started.add(stranger);
    watchAndWait(Map.of("c", stranger.pid()));

    stranger.destroyForcibly().waitFor();

    assertThat(told.poll(300, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void afterCloseNothingIsTold() throws Exception {
    Process a = sleeper();
    watchAndWait(Map.of("a", a.pid()));

    watch.close();
    a.destroyForcibly().waitFor();

    assertThat(told.poll(300, TimeUnit.MILLISECONDS)).isNull();
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("podkeeper-exit-watch"));
  }

  @Test
  void theCgroupTestKnowsAProcessByANameInItsCgroups() throws Exception {
    String own = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/cgroup"));
    String somePart = own.lines().findFirst().orElseThrow().replaceAll(".*/", "");
    long self = ProcessHandle.current().pid();

    assertThat(PidfdExitWatch.cgroupNames(self, "0123456789abcdef".repeat(4))).isFalse();
    if (!somePart.isEmpty()) {
      assertThat(PidfdExitWatch.cgroupNames(self, somePart)).isTrue();
    }
    assertThat(PidfdExitWatch.cgroupNames(Long.MAX_VALUE, "x")).as("no such process").isFalse();
  }

  private Process sleeper() throws IOException {
    Process p = new ProcessBuilder("sleep", "60").start();
    started.add(p);
    ours.add(p.pid());
    return p;
  }

  /** The watch opens what it was given on its own thread: waits until it has (it never tells of live processes). */
  private void watchAndWait(Map<String, Long> processes) {
    watch.watch(processes);
    await().atMost(Duration.ofSeconds(5)).until(() -> ((PidfdExitWatch) watch).followed().equals(processes));
  }
}
