package dev.podkeeper.registry;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLException;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.junit.jupiter.api.Test;

class LazyTlsStrategyTest {
  /** A peer that answers plain HTTP where TLS is expected: the upgrade must try a handshake, and fail. */
  @Test
  void anUpgradeIsARealTlsHandshake() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread peer = new Thread(() -> {
        try (Socket accepted = server.accept(); OutputStream out = accepted.getOutputStream()) {
          out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          accepted.getInputStream().read(new byte[512]);
        } catch (Exception ignored) {
          // the client gave up on the handshake
        }
      });
      peer.start();
      try (Socket socket = new Socket(server.getInetAddress(), server.getLocalPort())) {
        socket.setSoTimeout(5_000);
        assertThatThrownBy(() -> new LazyTlsStrategy().upgrade(socket, "localhost", server.getLocalPort(), null,
            HttpCoreContext.create()))
            .isInstanceOf(SSLException.class);
      }
      peer.join(5_000);
    }
  }
}
