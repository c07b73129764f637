package dev.podkeeper.podman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.NetworkAttachment;
import dev.podkeeper.model.port.EngineEvent;
import dev.podkeeper.model.port.EngineEventListener;
import dev.podkeeper.model.port.EngineException;
import dev.podkeeper.model.port.ResolvedContainer;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Podman that accepts connections and never answers (a hung service): every call ends at its deadline with
 * an error that says what was waited for and how long, and a subscription fails once, by throwing.
 */
class HungPodmanTest {
  @TempDir Path dir;
  private ServerSocketChannel server;
  private final List<SocketChannel> held = new CopyOnWriteArrayList<>();
  private String socket;

  @BeforeEach
  void hungService() throws IOException {
    Path path = dir.resolve("podman.sock");
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(path));
    socket = "unix://" + path;
    Thread acceptor = new Thread(() -> {
      while (server.isOpen()) {
        try {
          held.add(server.accept()); // read nothing, answer nothing
        } catch (IOException closed) {
          return;
        }
      }
    }, "hung-podman");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
    for (SocketChannel c : held) {
      c.close();
    }
  }

  @Test
  void anOrdinaryCallFailsAtItsDeadlineSayingSoAndLeavesTheThreadUninterrupted() throws IOException {
    try (PodmanEngine engine = new PodmanEngine(socket,
        new PodmanTimeouts(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofSeconds(1)))) {
      long started = System.nanoTime();
      assertThatThrownBy(engine::listContainers)
          .isInstanceOf(EngineException.class)
          .hasMessageStartingWith("list containers: Podman at " + socket + " did not answer within 1 s");
      assertThatThrownBy(() -> engine.startContainer("abc"))
          .isInstanceOf(EngineException.class)
          .hasMessageStartingWith("start container abc: Podman at " + socket + " did not answer within 1 s");
      assertThatThrownBy(() -> engine.createContainer(new ResolvedContainer(
          ContainerSpec.builder("web", "img", new NetworkAttachment.Bridge("n")).build(), Map.of(), Optional.empty(), "s", "h")))
          .isInstanceOf(EngineException.class)
          .hasMessageStartingWith("create container web: Podman at " + socket + " did not answer within 1 s");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
      assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
  }

  @Test
  void aStopMayWaitItsStopTimeoutBeyondTheCallDeadline() throws IOException {
    try (PodmanEngine engine = new PodmanEngine(socket,
        new PodmanTimeouts(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofSeconds(1)))) {
      long started = System.nanoTime();
      assertThatThrownBy(() -> engine.stopContainer("abc", Duration.ofSeconds(2)))
          .isInstanceOf(EngineException.class)
          .hasMessageStartingWith("stop container abc: Podman at " + socket + " did not answer within 3 s");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    }
  }

  @Test
  void aPullEndsAtItsOwnDeadlineEvenWhenCallsMayWaitLonger() throws IOException {
    try (PodmanEngine engine = new PodmanEngine(socket,
        new PodmanTimeouts(Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofSeconds(1)))) {
      long started = System.nanoTime();
      assertThatThrownBy(() -> engine.pullImage("registry.example/big:1"))
          .isInstanceOf(EngineException.class)
          .hasMessageStartingWith("pull image registry.example/big:1: not done within 1 s");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }
  }

  @Test
  void aSubscriptionThatGetsNoAnswerThrowsOnceAndNeverReportsAClose() throws Exception {
    AtomicInteger closed = new AtomicInteger();
    EngineEventListener listener = new EngineEventListener() {
      @Override
      public void onEvent(EngineEvent event) {}

      @Override
      public void onClosed(Throwable cause) {
        closed.incrementAndGet();
      }
    };
    try (PodmanEngine engine = new PodmanEngine(socket,
        new PodmanTimeouts(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofSeconds(1)))) {
      assertThatThrownBy(() -> engine.subscribeEvents(listener))
          .isInstanceOf(EngineException.class)
          .hasMessage("subscribe to events of Podman at " + socket + ": Podman did not answer within 1 s"
              + " (is the service hung?)");
      // Its reader thread gives up too: a resubscribe every few seconds must not leave one thread each.
      for (Thread reader : Thread.getAllStackTraces().keySet()) {
        if (reader.getName().equals("podman-events")) {
          reader.join(10_000);
          assertThat(reader.isAlive()).as("the reader thread of the failed subscription").isFalse();
        }
      }
    }
    assertThat(closed).hasValue(0);
  }
}
