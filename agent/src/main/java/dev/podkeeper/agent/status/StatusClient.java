package dev.podkeeper.agent.status;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Asks a running agent for its status; empty when no agent answers (no socket, refused, or too slow). A
 * socket this user may not open is not "no agent": it says so ({@link DeniedException}).
 */
public final class StatusClient {
  static final Duration TIMEOUT = Duration.ofSeconds(2);

  private StatusClient() {}

  /** The status socket exists but this user may not open it (or the directory it is in). */
  public static final class DeniedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DeniedException(Path socket) {
      super("permission denied on " + socket + " (run as root)");
    }
  }

  public static Optional<String> fetch(Path socket) {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        Selector selector = Selector.open()) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      channel.write(ByteBuffer.wrap("status\n".getBytes(UTF_8))); // else the agent waits a moment for a request
      channel.shutdownOutput();
      channel.configureBlocking(false);
      channel.register(selector, SelectionKey.OP_READ);
      return Optional.of(SocketReply.readAll(channel, selector, TIMEOUT, "answer"));
    } catch (IOException e) {
      if (denied(e)) {
        throw new DeniedException(socket);
      }
      return Optional.empty();
    }
  }

  /** EACCES on connect: the JDK reports it as a SocketException (a BindException, seen) saying so. */
  static boolean denied(IOException e) {
    return e instanceof AccessDeniedException || e instanceof SocketException && e.getMessage() != null
        && e.getMessage().toLowerCase(Locale.ROOT).contains("permission denied");
  }
}
