package dev.podkeeper.agent.notify;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.podkeeper.agent.lifecycle.ManualScheduler;
import dev.podkeeper.agent.testing.TestClock;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** The messages arrive on a real unix datagram socket, bound here as systemd binds its notify socket. */
class ServiceNotifierTest {
  @TempDir Path directory;
  private AFUNIXDatagramSocket systemd;

  @AfterEach
  void close() throws IOException {
    if (systemd != null) {
      systemd.close();
    }
  }

  private ServiceNotifier notifierOnPath() throws IOException {
    Path socket = directory.resolve("notify");
    systemd = AFUNIXDatagramSocket.newInstance();
    systemd.bind(AFUNIXSocketAddress.of(socket));
    systemd.setSoTimeout(5000);
    return new ServiceNotifier(NotifySocket.fromEnvironment(Map.of("NOTIFY_SOCKET", socket.toString())));
  }

  private String receive() throws IOException {
    byte[] buffer = new byte[4096];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    systemd.receive(packet);
    return new String(packet.getData(), 0, packet.getLength(), UTF_8);
  }

  @Test
  void readyOnceThenStatusAfterEachPassThenStopping() throws IOException {
    try (ServiceNotifier notifier = notifierOnPath()) {
      notifier.readyWithStatus("pass 1: converged 3/3, 2 actions, 0 failures");
      notifier.readyWithStatus("pass 2: converged 3/3, 0 actions,\n0 failures");
      notifier.stopping();

      assertThat(receive()).isEqualTo("READY=1\nSTATUS=pass 1: converged 3/3, 2 actions, 0 failures");
      assertThat(receive()).isEqualTo("STATUS=pass 2: converged 3/3, 0 actions, 0 failures");
      assertThat(receive()).startsWith("STOPPING=1\n");
    }
  }

  @Test
  void theAbstractNamespaceIsReachedThroughAnAtSign() throws IOException {
    String name = "podkeeper-test-" + UUID.randomUUID();
    systemd = AFUNIXDatagramSocket.newInstance();
    systemd.bind(AFUNIXSocketAddress.inAbstractNamespace(name));
    systemd.setSoTimeout(5000);

    try (ServiceNotifier notifier = new ServiceNotifier(NotifySocket.fromEnvironment(Map.of("NOTIFY_SOCKET", "@" + name)))) {
      notifier.status("hello");
    }

    assertThat(receive()).isEqualTo("STATUS=hello");
  }

  @Test
  void theWatchdogPingsEveryHalfOfWatchdogUsec() throws IOException {
    TestClock clock = new TestClock();
    ManualScheduler scheduler = new ManualScheduler(clock);
    try (ServiceNotifier notifier = notifierOnPath()) {
      Watchdog watchdog = new Watchdog(notifier, scheduler, clock, Liveness.ALWAYS, Map.of("WATCHDOG_USEC", "20000000"), 42);
      assertThat(watchdog.interval()).contains(Duration.ofSeconds(10));
      watchdog.start();
      scheduler.advance(Duration.ofSeconds(20));
      watchdog.stop();

      assertThat(receive()).isEqualTo("WATCHDOG=1");
      assertThat(receive()).isEqualTo("WATCHDOG=1");
      assertThat(receive()).isEqualTo("WATCHDOG=1");
      systemd.setSoTimeout(200);
      assertThatThrownBy(this::receive).isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void theWatchdogIsOffWhenUnsetOrMeantForAnotherProcess() {
    assertThat(Watchdog.pingInterval(Map.of(), 42)).isEmpty();
    assertThat(Watchdog.pingInterval(Map.of("WATCHDOG_USEC", "1000000", "WATCHDOG_PID", "7"), 42)).isEmpty();
    assertThat(Watchdog.pingInterval(Map.of("WATCHDOG_USEC", "1000000", "WATCHDOG_PID", "42"), 42))
        .contains(Duration.ofMillis(500));
    assertThat(Watchdog.pingInterval(Map.of("WATCHDOG_USEC", "soon"), 42)).isEmpty();
  }

  @Test
  void aNotifySocketThatIsNeitherAPathNorAnAbstractNameFailsTheStartAtOnce() {
    assertThatThrownBy(() -> NotifySocket.fromEnvironment(Map.of("NOTIFY_SOCKET", "run/notify")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("NOTIFY_SOCKET=run/notify is neither an absolute path nor an @abstract name");
  }

  @Test
  void aSocketNobodyListensOnFailsEachSendWithTheReasonAndClosesQuietly() throws IOException {
    NotifySocket nobody = NotifySocket.fromEnvironment(Map.of("NOTIFY_SOCKET", directory.resolve("none").toString()));

    assertThatThrownBy(() -> nobody.send("READY=1")).isInstanceOf(IOException.class);
    nobody.close();
  }

  @Test
  void withoutNotifySocketNothingIsSentAndNothingFails() throws IOException {
    try (ServiceNotifier notifier = new ServiceNotifier(NotifySocket.fromEnvironment(Map.of()))) {
      notifier.readyWithStatus("fine");
      notifier.stopping();
    }
  }
}
