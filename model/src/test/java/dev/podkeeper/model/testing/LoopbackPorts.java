package dev.podkeeper.model.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Host ports on 127.0.0.1 for tests. */
public final class LoopbackPorts {
  private LoopbackPorts() {}

  /** A port on 127.0.0.1 that was free a moment ago. */
  public static int free() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code 127.0.0.1:PORT} for a port that was free a moment ago. */
  public static String freeAddress() {
    return "127.0.0.1:" + free();
  }
}
