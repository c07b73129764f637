package dev.podkeeper.agent.status;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * The one line a status-socket client may send first. Clients that send nothing (older ones, {@code socat})
 * get the status document once {@link #WAIT} has passed, so a silent client is only a little slower.
 */
final class RequestLine {
  static final Duration WAIT = Duration.ofMillis(500);
  private static final int MAX = 4096;

  private RequestLine() {}

  /** The line without its newline; empty when the client sent none. Leaves the channel blocking. */
  static String read(SocketChannel client) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    client.configureBlocking(false);
    try (Selector selector = Selector.open()) {
      client.register(selector, SelectionKey.OP_READ);
      long deadline = System.nanoTime() + WAIT.toNanos();
      ByteBuffer one = ByteBuffer.allocate(1);
      long left;
      while ((left = deadline - System.nanoTime()) > 0 && line.size() < MAX) {
        selector.select(Math.max(1, left / 1_000_000));
        selector.selectedKeys().clear();
        int read;
        while ((read = client.read(one.clear())) > 0) {
          if (one.get(0) == '\n') {
            return line.toString(UTF_8);
          }
          line.write(one.get(0));
        }
        if (read < 0) {
          break;
        }
      }
    }
    client.configureBlocking(true);
    return line.toString(UTF_8);
  }
}
