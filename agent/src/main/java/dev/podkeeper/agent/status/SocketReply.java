package dev.podkeeper.agent.status;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/** The agent's whole answer on a status-socket connection, read until it closes. */
final class SocketReply {
  private SocketReply() {}

  /**
   * One deadline for the whole reply: a hung agent must not hang us.
   *
   * @param channel non-blocking, registered with {@code selector} for reading
   */
  static String readAll(SocketChannel channel, Selector selector, Duration timeout, String what) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    ByteArrayOutputStream reply = new ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IOException("the agent did not " + what + " within " + timeout.toSeconds() + " s");
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
