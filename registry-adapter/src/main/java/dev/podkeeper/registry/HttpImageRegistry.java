package dev.podkeeper.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podkeeper.model.image.ImageReference;
import dev.podkeeper.model.port.FailureKind;
import dev.podkeeper.model.port.HostFiles;
import dev.podkeeper.model.port.ImageRegistry;
import dev.podkeeper.model.port.ManifestCheck;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpHead;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * {@link ImageRegistry} over the Registry HTTP API: {@code HEAD /v2/<repository>/manifests/<tag>} with every
 * manifest type the engines push in {@code Accept} (without the OCI types, docker-registry answers 404 for an
 * image Podman pushed), and the digest from {@code Docker-Content-Digest}. A 401 is answered as the registry's
 * {@code WWW-Authenticate} asks: a bearer token from its token endpoint (with the engine's login for that
 * registry, if any) or basic auth. A 429 stops all requests to that host until its Retry-After. Each request has
 * a connect and a response deadline; nothing is retried here (the next check is the retry).
 */
public final class HttpImageRegistry implements ImageRegistry, Closeable {
  static final String ACCEPT = String.join(", ",
      "application/vnd.oci.image.index.v1+json",
      "application/vnd.oci.image.manifest.v1+json",
      "application/vnd.docker.distribution.manifest.list.v2+json",
      "application/vnd.docker.distribution.manifest.v2+json");
  private static final String DIGEST_HEADER = "Docker-Content-Digest";
  private static final int MAX_TOKEN_ANSWER = 64 * 1024;

  private final RegistryCredentials credentials;
  private final RateLimits rateLimits;
  private final TokenCache tokens;
  private final Duration connectTimeout;
  private final Duration responseTimeout;
  /** Made on the first request (see {@link #http()}). */
  private CloseableHttpClient http;
  private boolean closed;
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicLong requests = new AtomicLong();

  /** The engine's login file, the system clock, 5 s to connect and 15 s to answer. */
  public HttpImageRegistry(HostFiles files) {
    this(files, RegistryCredentials.engineAuthFile(), Clock.systemUTC(), Duration.ofSeconds(5), Duration.ofSeconds(15));
  }

  public HttpImageRegistry(HostFiles files, Path authFile, Clock clock, Duration connectTimeout, Duration responseTimeout) {
    this.credentials = new RegistryCredentials(files, authFile);
    this.rateLimits = new RateLimits(clock);
    this.tokens = new TokenCache(clock);
    this.connectTimeout = connectTimeout;
    this.responseTimeout = responseTimeout;
  }

  /**
   * The HTTP client, made on first use: most starts ask no registry (images pulled, nothing followed). Its TLS
   * is set up on its first TLS connection ({@link LazyTlsStrategy}): a registry on plain HTTP never loads the
   * JDK's trust store, where building the client with HttpClient's default TLS did, about 90 ms.
   */
  private synchronized CloseableHttpClient http() throws IOException {
    if (closed) {
      throw new IOException("the registry client is closed");
    }
    if (http == null) {
      http = HttpClients.custom()
          .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
              .setTlsSocketStrategy(new LazyTlsStrategy())
              .setDefaultConnectionConfig(ConnectionConfig.custom()
                  .setConnectTimeout(Timeout.of(connectTimeout))
                  .setSocketTimeout(Timeout.of(responseTimeout))
                  .build())
              .build())
          .setDefaultRequestConfig(RequestConfig.custom()
              .setConnectionRequestTimeout(Timeout.of(connectTimeout))
              .setResponseTimeout(Timeout.of(responseTimeout))
              .build())
          .disableAutomaticRetries()
          .disableCookieManagement()
          .build();
    }
    return http;
  }

  /** Requests sent so far (HEADs and token requests), for measurements. */
  public long requests() {
    return requests.get();
  }

  @Override
  public ManifestCheck manifestDigest(ImageReference reference) {
    String host = reference.registry();
    Optional<java.time.Instant> limited = rateLimits.limitedUntil(host);
    if (limited.isPresent()) {
      return new ManifestCheck.RateLimited(limited.get());
    }
    RegistryApi api = RegistryApi.of(host);
    URI manifest = api.manifest(reference.repository(), reference.manifestReference());
    try {
      Answer answer = head(manifest, tokens.get(host, reference.repository()).map(t -> "Bearer " + t));
      if (answer.status() == 401) {
        tokens.forget(host, reference.repository());
        Optional<String> authorization = authorize(answer, reference);
        if (authorization.isEmpty()) {
          return new ManifestCheck.Failed("unauthorized (HTTP 401): the registry wants a login the engine's auth file"
              + " does not have (podman login " + host + ")", FailureKind.PERMANENT);
        }
        answer = head(manifest, authorization);
      }
      return judge(answer, host);
    } catch (IOException e) {
      return new ManifestCheck.Failed(api.authority() + ": " + describe(e), FailureKind.TRANSIENT);
    }
  }

  private ManifestCheck judge(Answer answer, String host) {
    int status = answer.status();
    if (status == 200) {
      return answer.digest()
          .<ManifestCheck>map(ManifestCheck.Digest::new)
          .orElseGet(() -> new ManifestCheck.Failed("the registry answered without a " + DIGEST_HEADER + " header",
              FailureKind.PERMANENT));
    }
    if (status == 429) {
      return new ManifestCheck.RateLimited(rateLimits.limited(host, answer.retryAfter()));
    }
    if (status == 404) {
      return new ManifestCheck.Failed("manifest unknown (HTTP 404): no such tag or repository", FailureKind.PERMANENT);
    }
    if (status == 401 || status == 403) {
      return new ManifestCheck.Failed("unauthorized (HTTP " + status + "): the login for " + host
          + " is refused or lacks pull access", FailureKind.PERMANENT);
    }
    return new ManifestCheck.Failed("the registry answered HTTP " + status,
        status >= 500 || status == 408 ? FailureKind.TRANSIENT : FailureKind.PERMANENT);
  }

  /** The Authorization header the 401's challenge asks for, if it can be met. */
  private Optional<String> authorize(Answer unauthorized, ImageReference reference) throws IOException {
    Optional<AuthChallenge> challenge = AuthChallenge.parse(unauthorized.challenge());
    Optional<String> login = credentials.basic(reference.registry());
    if (challenge.isPresent() && challenge.get().bearer()) {
      return token(challenge.get(), reference, login).map(t -> "Bearer " + t);
    }
    if (challenge.isPresent() && challenge.get().basic()) {
      return login.map(l -> "Basic " + l);
    }
    return Optional.empty();
  }

  private Optional<String> token(AuthChallenge challenge, ImageReference reference, Optional<String> login)
      throws IOException {
    String scope = challenge.parameters().getOrDefault("scope", "repository:" + reference.repository() + ":pull");
    StringBuilder uri = new StringBuilder(challenge.parameters().get("realm"));
    uri.append(uri.indexOf("?") < 0 ? '?' : '&').append("scope=").append(encode(scope));
    Optional.ofNullable(challenge.parameters().get("service")).ifPresent(s -> uri.append("&service=").append(encode(s)));
    HttpGet get = new HttpGet(URI.create(uri.toString()));
    login.ifPresent(l -> get.setHeader(HttpHeaders.AUTHORIZATION, "Basic " + l));
    requests.incrementAndGet();
    return http().execute(get, response -> {
      if (response.getCode() != 200 || response.getEntity() == null) {
        return Optional.<String>empty();
      }
      JsonNode body = json.readTree(EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8, MAX_TOKEN_ANSWER));
      String token = body.hasNonNull("token") ? body.get("token").asText() : body.path("access_token").asText("");
      if (token.isEmpty()) {
        return Optional.<String>empty();
      }
      Optional<Duration> lifetime = body.hasNonNull("expires_in")
          ? Optional.of(Duration.ofSeconds(body.get("expires_in").asLong())) : Optional.empty();
      tokens.put(reference.registry(), reference.repository(), token, lifetime);
      return Optional.of(token);
    });
  }

  private Answer head(URI manifest, Optional<String> authorization) throws IOException {
    HttpUriRequestBase head = new HttpHead(manifest);
    head.setHeader(HttpHeaders.ACCEPT, ACCEPT);
    authorization.ifPresent(a -> head.setHeader(HttpHeaders.AUTHORIZATION, a));
    requests.incrementAndGet();
    return http().execute(head, Answer::of);
  }

  /** What of a HEAD's answer matters here; read inside the handler, so the connection goes back to the pool. */
  private record Answer(int status, Optional<String> digest, String challenge, String retryAfter) {
    static Answer of(ClassicHttpResponse response) {
      return new Answer(response.getCode(), header(response, DIGEST_HEADER).filter(d -> d.startsWith("sha256:")),
          header(response, HttpHeaders.WWW_AUTHENTICATE).orElse(null),
          header(response, HttpHeaders.RETRY_AFTER).orElse(null));
    }

    private static Optional<String> header(ClassicHttpResponse response, String name) {
      Header header = response.getFirstHeader(name);
      return header == null ? Optional.empty() : Optional.of(header.getValue().strip());
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  @Override
  public synchronized void close() throws IOException {
    closed = true;
    if (http != null) {
      http.close();
    }
  }
}
