package dev.podkeeper.agent.status;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Asks the running agent for a pass ({@link PassExchange}); {@code apply} uses it while an agent holds the stack. */
public final class PassClient {
  private PassClient() {}

  /**
   * The agent's answer; empty when no agent listens on {@code socket}.
   *
   * @throws IOException when the agent went away or did not answer within {@code timeout}
   */
  public static Optional<PassExchange.Answer> ask(Path socket, PassExchange.Ask ask, Duration timeout)
      throws IOException {
    if (!Files.exists(socket)) {
      return Optional.empty();
    }
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        Selector selector = Selector.open()) {
      try {
        channel.connect(UnixDomainSocketAddress.of(socket));
      } catch (IOException nobodyListens) {
        return Optional.empty();
      }
      ByteBuffer request = ByteBuffer.wrap(ask.line().getBytes(UTF_8));
      while (request.hasRemaining()) {
        channel.write(request);
      }
      channel.shutdownOutput();
      channel.configureBlocking(false);
      channel.register(selector, SelectionKey.OP_READ);
      return Optional.of(PassExchange.Answer.parse(readAll(channel, selector, timeout)));
    }
  }

  private static String readAll(SocketChannel channel, Selector selector, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    ByteArrayOutputStream reply = new ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IOException("the agent did not finish the pass within " + timeout.toSeconds() + " s");
      }
      selector.select(Math.max(1, left / 1_000_000));
      selector.selectedKeys().clear();
      int read;
      while ((read = channel.read(buffer.clear())) > 0) {
        reply.write(buffer.array(), 0, read);
      }
      if (read < 0) {
        return reply.toString(UTF_8);
      }
    }
  }
}
