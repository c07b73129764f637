package dev.podkeeper.agent.status;

import static java.nio.charset.StandardCharsets.UTF_8;

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
      return Optional.of(PassExchange.Answer.parse(SocketReply.readAll(channel, selector, timeout, "finish the pass")));
    }
  }
}
