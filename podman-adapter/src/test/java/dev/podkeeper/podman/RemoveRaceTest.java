package dev.podkeeper.podman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.podkeeper.model.port.EngineException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Podman 4.3's forced removal of a container that exits at that moment: it tries to kill a process that is gone
 * and refuses. A Podman of the test's own answers the first removals so; the adapter removes again once, and
 * only for that refusal.
 */
class RemoveRaceTest {
  private static final String RACE = "{\"cause\":\"container state improper\",\"message\":\"cannot remove container"
      + " abc as it could not be stopped: sending SIGKILL to container abc: container state improper: stopped\","
      + "\"response\":500}";
  private static final String IN_USE = "{\"cause\":\"container state improper\",\"message\":\"container abc has"
      + " dependent containers which must be removed before it\",\"response\":500}";

  @TempDir Path dir;
  private ServerSocketChannel server;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aRemovalThatLostTheRaceWithAnExitIsMadeAgainOnce() throws IOException {
    try (PodmanEngine engine = new PodmanEngine(podmanRefusingFirst(1, RACE))) {
      engine.removeContainer("abc");
    }
    assertThat(requests).hasSize(2).allMatch(r -> r.startsWith("DELETE ") && r.contains("/containers/abc"));
  }

  @Test
  void aSecondRefusalIsTheCallersToSee() throws IOException {
    try (PodmanEngine engine = new PodmanEngine(podmanRefusingFirst(2, RACE))) {
      assertThatThrownBy(() -> engine.removeContainer("abc")).isInstanceOf(EngineException.class)
          .hasMessageContaining("could not be stopped");
    }
    assertThat(requests).hasSize(2);
  }

  @Test
  void anyOtherRefusalIsNotRetried() throws IOException {
    try (PodmanEngine engine = new PodmanEngine(podmanRefusingFirst(1, IN_USE))) {
      assertThatThrownBy(() -> engine.removeContainer("abc")).isInstanceOf(EngineException.class)
          .hasMessageContaining("dependent containers");
    }
    assertThat(requests).hasSize(1);
  }

  /** A Podman that answers the first {@code refusals} requests with a 500 of {@code body}, then 204. */
  private String podmanRefusingFirst(int refusals, String body) throws IOException {
    Path path = dir.resolve("podman.sock");
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(path));
    AtomicInteger answered = new AtomicInteger();
    Thread acceptor = new Thread(() -> {
      while (server.isOpen()) {
        try (SocketChannel connection = server.accept(); InputStream in = Channels.newInputStream(connection);
            OutputStream out = Channels.newOutputStream(connection)) {
          String head;
          while ((head = readHead(in)) != null) {
            requests.add(head.lines().findFirst().orElse(""));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            out.write((answered.getAndIncrement() < refusals
                ? "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: "
                    + bytes.length + "\r\n\r\n" + body
                : "HTTP/1.1 204 No Content\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
          }
        } catch (IOException closed) {
          // the client closed the connection, or the test the server
        }
      }
    }, "scripted-podman");
    acceptor.setDaemon(true);
    acceptor.start();
    return "unix://" + path;
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      head.write(b);
      String text = head.toString(StandardCharsets.US_ASCII);
      if (text.endsWith("\r\n\r\n")) {
        return text;
      }
    }
    return null;
  }
}
