package dev.podkeeper.it.proxy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** An app behind the proxy: answers every request with the path and X-Forwarded-Prefix it saw. */
final class EchoUpstream implements AutoCloseable {
  private final HttpServer server;

  EchoUpstream() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      String prefix = exchange.getRequestHeaders().getFirst("X-Forwarded-Prefix");
      byte[] body = ("path=" + exchange.getRequestURI().getRawPath() + " prefix=" + prefix)
          .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
