package dev.podkeeper.proxy;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where Caddy's admin API listens: {@code http://HOST:PORT} or {@code unix:///PATH}.
 *
 * @param tcp the HTTP origin when it listens on TCP
 * @param socket the socket file when it listens on a unix socket
 */
public record CaddyEndpoint(Optional<URI> tcp, Optional<Path> socket) {
  public CaddyEndpoint {
    requireNonNull(tcp, "tcp is null");
    requireNonNull(socket, "socket is null");
    if (tcp.isPresent() == socket.isPresent()) {
      throw new IllegalArgumentException("a Caddy endpoint is either TCP or a unix socket");
    }
  }

  /** Parses {@code http://127.0.0.1:2019} or {@code unix:///run/caddy/admin.sock}. */
  public static CaddyEndpoint parse(String text) {
    requireNonNull(text, "text is null");
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw notAnEndpoint(text);
    }
    if ("unix".equals(uri.getScheme()) && uri.getPath() != null && uri.getPath().startsWith("/")) {
      return new CaddyEndpoint(Optional.empty(), Optional.of(Path.of(uri.getPath())));
    }
    if ("http".equals(uri.getScheme()) && uri.getHost() != null && uri.getPort() > 0
        && (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"))) {
      return new CaddyEndpoint(Optional.of(URI.create("http://" + uri.getHost() + ":" + uri.getPort())), Optional.empty());
    }
    throw notAnEndpoint(text);
  }

  private static IllegalArgumentException notAnEndpoint(String text) {
    return new IllegalArgumentException("Caddy's admin endpoint must be http://HOST:PORT or unix:///PATH, not " + text);
  }

  @Override
  public String toString() {
    return tcp.map(URI::toString).orElseGet(() -> "unix://" + socket.orElseThrow());
  }
}
