package dev.podkeeper.agent.status;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.lifecycle.Managed;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the {@link StatusBoard} on a unix socket: connect, read one JSON document, done; or send a
 * {@link PassExchange} request line and read the result of the pass it ran. A unix socket
 * is local by construction and its mode (0600) limits it to the agent's user; nothing listens on TCP.
 * Failing to bind is logged, not fatal: status is a window on the agent, not part of keeping the stack up.
 */
public final class StatusServer implements Managed {
  private static final Logger log = LoggerFactory.getLogger(StatusServer.class);

  private final Path socket;
  private final StatusBoard board;
  private final Clock clock;
  private final String file;
  private final PassExchange.Handler passes;
  private ServerSocketChannel server;

  public StatusServer(Path socket, StatusBoard board, Clock clock, Path file) {
    this(socket, board, clock, file, ask -> PassExchange.Answer.refused(Optional.empty(), "this agent runs no passes on request"));
  }

  /** @param passes answers a {@link PassExchange} request ({@code apply} while this agent holds the stack) */
  public StatusServer(Path socket, StatusBoard board, Clock clock, Path file, PassExchange.Handler passes) {
    this.passes = requireNonNull(passes, "passes is null");
    this.socket = requireNonNull(socket, "socket is null").toAbsolutePath();
    this.board = requireNonNull(board, "board is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.file = requireNonNull(file, "file is null").toString();
  }

  @Override
  public void start() {
    try {
      if (StatusClient.fetch(socket).isPresent()) {
        log.warn("another podkeeper agent already serves status on {}; this one serves none", socket);
        return;
      }
      Files.createDirectories(socket.getParent());
      Files.deleteIfExists(socket); // left by an agent that died without cleaning up
      server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(socket));
      Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException | UnsupportedOperationException e) {
      log.warn("cannot serve status on {}: {}; `podkeeper status` will compute its own view", socket, e.toString());
      return;
    }
    Thread thread = new Thread(this::serve, "podkeeper-status");
    thread.setDaemon(true);
    thread.start();
  }

  private void serve() {
    while (server.isOpen()) {
      SocketChannel client = null;
      try {
        client = server.accept();
        Optional<PassExchange.Ask> ask = PassExchange.Ask.parse(RequestLine.read(client));
        if (ask.isPresent()) {
          answerPass(ask.get(), client);
          client = null; // the pass's thread closes it
          continue;
        }
        write(client, StatusJson.write(current()) + "\n");
      } catch (AsynchronousCloseException e) {
        return;
      } catch (IOException e) {
        log.debug("status client went away: {}", e.toString());
      } finally {
        closeQuietly(client);
      }
    }
  }

  /**
   * A pass runs for seconds or minutes: it is answered on a thread of its own, so that status stays
   * answered meanwhile.
   */
  private void answerPass(PassExchange.Ask ask, SocketChannel client) {
    Thread thread = new Thread(() -> {
      try {
        write(client, passes.run(ask).text());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException | RuntimeException e) {
        log.debug("pass client went away: {}", e.toString());
      } finally {
        closeQuietly(client);
      }
    }, "podkeeper-status-pass");
    thread.setDaemon(true);
    thread.start();
  }

  private static void write(SocketChannel client, String text) throws IOException {
    ByteBuffer reply = ByteBuffer.wrap(text.getBytes(UTF_8));
    while (reply.hasRemaining()) {
      client.write(reply);
    }
  }

  private static void closeQuietly(SocketChannel client) {
    if (client != null) {
      try {
        client.close();
      } catch (IOException e) {
        log.debug("closing a status client: {}", e.toString());
      }
    }
  }

  private StatusSnapshot current() {
    return board.latest().orElseGet(() -> new StatusSnapshot(StatusSnapshot.AGENT, Instant.now(clock), file, "",
        "", "starting: the first pass has not finished yet", List.of()));
  }

  @Override
  public void stop() throws IOException {
    if (server != null) {
      server.close();
      Files.deleteIfExists(socket);
    }
  }
}
