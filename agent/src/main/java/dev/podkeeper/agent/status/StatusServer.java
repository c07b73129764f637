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
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
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
 *
 * <p>It deletes only what it made: at start, a socket left at the path by an agent that died (a socket
 * nobody answers on); at stop, its own socket, if that is still what is at the path. A regular file, a
 * directory, a link or a live socket of another program there is reported and left alone.
 */
public final class StatusServer implements Managed {
  private static final Logger log = LoggerFactory.getLogger(StatusServer.class);

  private final Path socket;
  private final StatusBoard board;
  private final Clock clock;
  private final String file;
  private final PassExchange.Handler passes;
  private ServerSocketChannel server;
  private Object boundFile; // the socket file's identity (device and inode) once bound

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
      removeStaleSocket();
      server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(socket));
      Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
      boundFile = attributes(socket).map(BasicFileAttributes::fileKey).orElse(null);
    } catch (NotOurs e) {
      log.error("cannot serve status on {}: {}; `podkeeper status` will compute its own view", socket, e.getMessage());
      return;
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

  /** Deletes a socket an agent that died left behind; refuses anything else that is at the path. */
  private void removeStaleSocket() throws IOException {
    Optional<BasicFileAttributes> found = attributes(socket);
    if (found.isEmpty()) {
      return;
    }
    BasicFileAttributes there = found.get();
    if (!there.isOther() || !isSocket(socket)) {
      throw new NotOurs(what(there) + " is at that path, not a socket; podkeeper deletes only a stale socket of"
          + " its own: move it away, or give --status-socket another path");
    }
    if (answers(socket)) {
      throw new NotOurs("another program listens on that socket; give --status-socket another path");
    }
    Files.delete(socket);
    log.debug("removed the stale status socket {}", socket);
  }

  private static String what(BasicFileAttributes there) {
    if (there.isSymbolicLink()) {
      return "a symbolic link";
    }
    if (there.isDirectory()) {
      return "a directory";
    }
    return there.isRegularFile() ? "a regular file" : "a FIFO or a device";
  }

  /** S_IFSOCK in the file's mode: Java's attributes call sockets, FIFOs and devices alike "other". */
  private static boolean isSocket(Path path) throws IOException {
    int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    return (mode & 0170000) == 0140000;
  }

  private static Optional<BasicFileAttributes> attributes(Path path) throws IOException {
    try {
      return Optional.of(Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  private static boolean answers(Path path) {
    try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      probe.connect(UnixDomainSocketAddress.of(path));
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  /** Something at the socket path that is not podkeeper's to delete. */
  private static final class NotOurs extends IOException {
    private static final long serialVersionUID = 1L;

    NotOurs(String message) {
      super(message);
    }
  }

  @Override
  public void stop() throws IOException {
    if (server != null) {
      server.close();
      // Only our own socket: another agent (or someone) may have put something else there meanwhile.
      Optional<BasicFileAttributes> there = attributes(socket);
      if (there.isPresent() && boundFile != null && boundFile.equals(there.get().fileKey())) {
        Files.delete(socket);
      }
    }
  }
}
