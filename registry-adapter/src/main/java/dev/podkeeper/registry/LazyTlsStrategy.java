package dev.podkeeper.registry;

import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * HttpClient's default TLS, set up on the first TLS connection instead of when the client is built. The set-up
 * parses the JDK's trust store (about 60-90 ms in a JVM that has just started); a registry on plain HTTP, such
 * as one on the host's loopback, never needs it.
 */
final class LazyTlsStrategy implements TlsSocketStrategy {
  private TlsSocketStrategy tls;

  @Override
  public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context)
      throws IOException {
    return tls().upgrade(socket, target, port, attachment, context);
  }

  private synchronized TlsSocketStrategy tls() {
    if (tls == null) {
      tls = DefaultClientTlsStrategy.createDefault();
    }
    return tls;
  }
}
