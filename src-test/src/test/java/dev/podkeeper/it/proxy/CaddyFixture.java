package dev.podkeeper.it.proxy;

import static org.awaitility.Awaitility.await;

import dev.podkeeper.it.RepoScripts;
import dev.podkeeper.it.TestProcesses;
import dev.podkeeper.model.testing.LoopbackPorts;
import dev.podkeeper.proxy.CaddyEndpoint;
import dev.podkeeper.proxy.CaddyReverseProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Caddy of the test's own: {@code caddy run --config FILE} with its admin API on a free loopback port or a unix
 * socket in the test's directory (never 2019, never :80), its XDG directories there too, and in its config file one
 * server of the user's own (a static "user's own" answer on a free loopback port). Stopped by its pid.
 */
final class CaddyFixture implements AutoCloseable {
  static final String USER_BODY = "the user's own route";
  private static final Duration START_WAIT = Duration.ofSeconds(20);

  private final Path dir;
  private final Path configFile;
  private final CaddyEndpoint endpoint;
  private final String userListener;
  private Process caddy;

  private CaddyFixture(Path dir, boolean unixSocket) {
    this.dir = dir;
    this.configFile = dir.resolve("caddy.json");
    this.userListener = LoopbackPorts.freeAddress();
    String admin = unixSocket ? "unix/" + dir.resolve("admin.sock") : LoopbackPorts.freeAddress();
    this.endpoint = CaddyEndpoint.parse(unixSocket ? "unix://" + dir.resolve("admin.sock") : "http://" + admin);
    write(configFile, """
        {"admin": {"listen": "%s"},
         "apps": {"http": {"servers": {"user": {"listen": ["%s"],
           "routes": [{"@id": "users-route", "handle": [{"handler": "static_response", "body": "%s"}]}],
           "automatic_https": {"disable": true}}}}}}
        """.formatted(admin, userListener, USER_BODY));
  }

  static CaddyFixture start(String name, boolean unixSocket) {
    CaddyFixture fixture = new CaddyFixture(RepoScripts.newEngineDirectory("caddy-" + name + "-"), unixSocket);
    fixture.startCaddy();
    return fixture;
  }

  CaddyEndpoint endpoint() {
    return endpoint;
  }

  String userListener() {
    return userListener;
  }

  /** The user's server as Caddy has it now, read straight from the admin API. */
  String userServerNow() {
    return admin("GET", "/config/apps/http/servers/user", null);
  }

  /** One admin API request by curl, behind the adapter's back (as a person editing Caddy would); its answer. */
  String admin(String method, String path, String jsonBody) {
    List<String> curl = new ArrayList<>(List.of("curl", "-sS", "--max-time", "5", "-X", method));
    endpoint.socket().ifPresent(s -> curl.addAll(List.of("--unix-socket", s.toString(), "-H", "Host;")));
    if (jsonBody != null) {
      curl.addAll(List.of("-H", "Content-Type: application/json", "-d", jsonBody));
    }
    curl.add(endpoint.tcp().map(Object::toString).orElse("http://localhost") + path);
    return run(curl);
  }

  /** A self-signed certificate for {@code host} and its key, made by openssl in the test's directory. */
  dev.podkeeper.model.desired.SiteTls.Files selfSignedCertificate(String host) {
    Path cert = dir.resolve(host + ".crt");
    Path key = dir.resolve(host + ".key");
    run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + host,
        "-addext", "subjectAltName=DNS:" + host, "-keyout", key.toString(), "-out", cert.toString()));
    return new dev.podkeeper.model.desired.SiteTls.Files(cert, key);
  }

  /**
   * An HTTPS GET of {@code path} on {@code host} at {@code listener} (SNI and Host say {@code host}), by curl:
   * trusting {@code caCert}, or nothing when empty (Caddy's internal CA, made in the test's directory, is not
   * trusted by the system); the body, or curl's error.
   */
  String https(String host, String listener, String path, java.util.Optional<Path> caCert) {
    int port = Integer.parseInt(listener.substring(listener.lastIndexOf(':') + 1));
    List<String> curl = new ArrayList<>(List.of("curl", "-sS", "--max-time", "10", "--resolve",
        host + ":" + port + ":127.0.0.1"));
    caCert.ifPresentOrElse(ca -> curl.addAll(List.of("--cacert", ca.toString())), () -> curl.add("-k"));
    curl.add("https://" + host + ":" + port + path);
    return run(curl);
  }

  /** The certificate's issuer as openssl prints it, from a handshake for {@code host} at {@code listener}. */
  String issuerOf(String host, String listener) {
    return run(List.of("sh", "-c", "openssl s_client -connect " + listener + " -servername " + host
        + " </dev/null 2>/dev/null | openssl x509 -noout -issuer"));
  }

  /** Stops Caddy and starts it again from its config file: everything that came through the API is forgotten. */
  void restart() {
    stopCaddy();
    startCaddy();
  }

  private void startCaddy() {
    try {
      ProcessBuilder builder = new ProcessBuilder("caddy", "run", "--config", configFile.toString())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("caddy.log").toFile()));
      builder.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
      builder.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
      builder.environment().put("HOME", dir.toString());
      caddy = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start caddy (apt-get install caddy)", e);
    }
    try (CaddyReverseProxy probe = new CaddyReverseProxy(endpoint)) {
      await().atMost(START_WAIT).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
          .until(() -> probe.read("none.") != null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void stopCaddy() {
    if (caddy == null) {
      return;
    }
    TestProcesses.stop(caddy);
    caddy = null;
  }

  @Override
  public void close() {
    stopCaddy();
  }

  private static String run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor(10, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
