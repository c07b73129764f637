package dev.podkeeper.it.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client of the plainest kind: the RFC 6455 example's upgrade request to {@code listener}, then raw
 * bytes that an echo upstream sends back. Enough to see an upgrade pass through Caddy both ways.
 */
final class WebSocketProbe {
  /** The accept value RFC 6455 gives for the example key this probe sends. */
  static final String EXPECTED_ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

  /** @param head the response's status line and headers; @param echoed what came back of the message */
  record Exchange(String head, String echoed) {}

  private WebSocketProbe() {}

  static Exchange exchange(String listener, String path, String message) throws IOException {
    String[] hostPort = listener.split(":");
    try (Socket socket = new Socket(InetAddress.getByName(hostPort[0]), Integer.parseInt(hostPort[1]))) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: " + listener + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String head = WebSocketEchoUpstream.readHead(in);
      if (!head.startsWith("HTTP/1.1 101")) {
        return new Exchange(head, "");
      }
      byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
      out.write(bytes);
      out.flush();
      return new Exchange(head, new String(in.readNBytes(bytes.length), StandardCharsets.US_ASCII));
    }
  }
}
