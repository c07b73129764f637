package dev.podkeeper.model.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Host ports on 127.0.0.1 for tests. */
public final class LoopbackPorts {
  /**
   * Every port handed out in this JVM. The kernel may give a just-closed port to the next bind on port 0,
   * so two calls in a row can return the same port: a test that asks for several listeners would then
   * collide with itself.
   */
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private LoopbackPorts() {}

  /** A port on 127.0.0.1 that was free a moment ago and that no earlier call in this JVM returned. */
  public static int free() {
    while (true) {
      int port = anyFreePort();
      if (HANDED_OUT.add(port)) {
        return port;
      }
    }
  }

  /** {@code 127.0.0.1:PORT} for a port that was free a moment ago. */
  public static String freeAddress() {
    return "127.0.0.1:" + free();
  }

  private static int anyFreePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
