package dev.podkeeper.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.io.DetachedSocketFactory;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Caddy's admin API as HTTP requests with JSON bodies, over TCP or a unix socket (Apache HttpClient 5 either way).
 * Over a unix socket Caddy 2.6.2 accepts only an empty Host header, so the client sends one.
 */
final class CaddyAdminClient implements Closeable {
  private static final Timeout CONNECT_TIMEOUT = Timeout.ofSeconds(2);
  /** A change is one config reload; Caddy answers once it has finished (or rolled back). */
  private static final Timeout RESPONSE_TIMEOUT = Timeout.ofSeconds(30);

  /** What Caddy said: the status and its JSON body (missing when empty). */
  record Answer(int status, JsonNode body) {
    boolean ok() {
      return status / 100 == 2;
    }

    /** Caddy's own words for a refusal: its {@code error} field, or the body as it came. */
    String error() {
      return body.hasNonNull("error") ? body.get("error").asText() : "HTTP " + status + " " + body;
    }
  }

  private final ObjectMapper json;
  private final CloseableHttpClient http;
  private final HttpHost target;
  private final boolean overUnixSocket;

  CaddyAdminClient(CaddyEndpoint endpoint, ObjectMapper json) {
    this.json = json;
    this.overUnixSocket = endpoint.socket().isPresent();
    this.target = endpoint.tcp().map(HttpHost::create).orElseGet(() -> new HttpHost("http", "localhost", 80));
    this.http = HttpClients.custom()
        .setConnectionManager(connections(endpoint))
        .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(RESPONSE_TIMEOUT).build())
        // A config change can restart Caddy's admin server, which drops idle connections: a kept-alive one would
        // fail the next request. A pass makes a handful of requests on loopback, so each gets its own connection.
        .setConnectionReuseStrategy((request, response, context) -> false)
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .disableCookieManagement()
        .build();
  }

  /**
   * One request at a time: Caddy loads one config after the other anyway, and a request that arrives while it
   * swaps in a new one can have its connection reset (seen when the executor ran two route actions at once).
   */
  synchronized Answer send(String method, String path, JsonNode body) throws IOException {
    HttpUriRequestBase request = new HttpUriRequestBase(method, java.net.URI.create(path));
    if (overUnixSocket) {
      request.setHeader(HttpHeaders.HOST, "");
    }
    if (body != null) {
      request.setEntity(new StringEntity(json.writeValueAsString(body), ContentType.APPLICATION_JSON));
    }
    return http.execute(target, request, response -> {
      String text = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
      return new Answer(response.getCode(), parse(text));
    });
  }

  private JsonNode parse(String text) {
    if (text.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return json.readTree(text);
    } catch (IOException notJson) {
      return json.getNodeFactory().textNode(text.strip());
    }
  }

  private static HttpClientConnectionManager connections(CaddyEndpoint endpoint) {
    DetachedSocketFactory sockets = endpoint.socket()
        .<DetachedSocketFactory>map(UnixSocketFactory::new)
        .orElse(proxy -> new java.net.Socket());
    var operator = new DefaultHttpClientConnectionOperator(sockets, null, null, RegistryBuilder.<org.apache.hc.client5.http.ssl.TlsSocketStrategy>create().build());
    var manager = new PoolingHttpClientConnectionManager(operator, PoolConcurrencyPolicy.STRICT, PoolReusePolicy.LIFO,
        TimeValue.ofMinutes(1), null);
    manager.setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(CONNECT_TIMEOUT).build());
    manager.setMaxTotal(2);
    manager.setDefaultMaxPerRoute(2);
    return manager;
  }

  @Override
  public void close() throws IOException {
    http.close();
  }
}
