package dev.podkeeper.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A registry in the test's JVM (the JDK's HTTP server on a free loopback port) that answers what a test sets:
 * a tag's digest, a bearer-token challenge with its token endpoint, 404, 429 or an answer without the digest header.
 * It records each request (method, path, Accept and Authorization), so tests can count what a check cost.
 */
final class InJvmRegistry implements AutoCloseable {
  static final String TOKEN = "t0k3n-value";

  record Request(String method, String path, String accept, String authorization) {}

  private final HttpServer server;
  private final Map<String, String> digests = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile String requiredLogin;
  private volatile String retryAfter;
  private volatile boolean omitDigest;

  InJvmRegistry() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/v2/", this::manifest);
    server.createContext("/token", this::token);
    server.start();
  }

  String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  InJvmRegistry tag(String repositoryAndTag, String digest) {
    digests.put(repositoryAndTag, digest);
    return this;
  }

  /** HEADs need a bearer token, which the token endpoint gives for this basic login ({@code base64(user:pass)}). */
  InJvmRegistry requireToken(String basicLogin) {
    requiredLogin = basicLogin;
    return this;
  }

  InJvmRegistry rateLimit(String retryAfterValue) {
    retryAfter = retryAfterValue;
    return this;
  }

  InJvmRegistry omitDigestHeader() {
    omitDigest = true;
    return this;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  long count(String method, String pathPrefix) {
    return requests.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).count();
  }

  private void manifest(HttpExchange exchange) throws IOException {
    record(exchange);
    String path = exchange.getRequestURI().getPath();
    if (retryAfter != null) {
      exchange.getResponseHeaders().add("Retry-After", retryAfter);
      reply(exchange, 429);
      return;
    }
    if (requiredLogin != null && !("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + host() + "/token\","
          + "service=\"in-jvm\",scope=\"repository:" + repository(path) + ":pull\"");
      reply(exchange, 401);
      return;
    }
    String digest = digests.get(repository(path) + ":" + path.substring(path.lastIndexOf('/') + 1));
    if (digest == null) {
      reply(exchange, 404);
      return;
    }
    if (!omitDigest) {
      exchange.getResponseHeaders().add("Docker-Content-Digest", digest);
    }
    reply(exchange, 200);
  }

  private void token(HttpExchange exchange) throws IOException {
    record(exchange);
    if (!("Basic " + requiredLogin).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      reply(exchange, 401);
      return;
    }
    byte[] body = ("{\"token\": \"" + TOKEN + "\", \"expires_in\": 300}").getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  /** {@code /v2/a/b/manifests/tag} → {@code a/b}. */
  private static String repository(String path) {
    return path.substring("/v2/".length(), path.lastIndexOf("/manifests/"));
  }

  private void record(HttpExchange exchange) {
    requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
        exchange.getRequestHeaders().getFirst("Accept"), exchange.getRequestHeaders().getFirst("Authorization")));
  }

  private static void reply(HttpExchange exchange, int status) throws IOException {
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
