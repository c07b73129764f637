package dev.podkeeper.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.model.proxy.ProxyRoute;
import dev.podkeeper.model.proxy.ProxyServer;
import dev.podkeeper.model.testing.LoopbackPorts;
import dev.podkeeper.proxy.CaddyReverseProxy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests through a Caddy 2.6.2 the test starts, along the routes the adapter writes, to upstreams of the test's
 * own: the seed's three modes (prefix kept, prefix stripped, a listener of its own), a refused upstream, a
 * WebSocket, and a restart that forgets every route until they are put back.
 */
class CaddyTrafficIT {
  private static final String PREFIX = "podkeeper.traffic.";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static CaddyFixture caddy;
  private static CaddyReverseProxy proxy;
  private static EchoUpstream app;
  private static WebSocketEchoUpstream webSocketApp;
  private static String siteListener;
  private static String portModeListener;
  private static List<ProxyServer> servers;

  @BeforeAll
  static void startCaddyWithTheSeedsThreeModes() {
    caddy = CaddyFixture.start("traffic", false);
    proxy = new CaddyReverseProxy(caddy.endpoint());
    app = new EchoUpstream();
    webSocketApp = new WebSocketEchoUpstream();
    siteListener = LoopbackPorts.freeAddress();
    portModeListener = LoopbackPorts.freeAddress();
    servers = List.of(
        new ProxyServer(PREFIX + "site.main", List.of(siteListener), List.of(
            ProxyRoute.onPath(PREFIX + "route.sonarr", Optional.empty(), "/sonarr", false, app.address()),
            ProxyRoute.onPath(PREFIX + "route.qbt", Optional.empty(), "/qbt", true, app.address()),
            ProxyRoute.onPath(PREFIX + "route.down", Optional.empty(), "/down", false, LoopbackPorts.freeAddress()),
            ProxyRoute.onPath(PREFIX + "route.ws", Optional.empty(), "/ws", false, webSocketApp.address()),
            ProxyRoute.onPath(PREFIX + "route.named", Optional.of("media.example.test"), "/named", false,
                app.address()))),
        new ProxyServer(PREFIX + "listen.jellyseerr", List.of(portModeListener),
            List.of(ProxyRoute.wholeServer(PREFIX + "route.jellyseerr", app.address()))));
    servers.forEach(proxy::addServer);
  }

  @AfterAll
  static void stopEverything() throws IOException {
    proxy.close();
    caddy.close();
    app.close();
    webSocketApp.close();
  }

  @Test
  void aKeptPrefixReachesTheAppWithItsPathAndNothingBesideIt() throws Exception {
    assertThat(get(siteListener, "/sonarr/api/v3/system").body()).isEqualTo("path=/sonarr/api/v3/system prefix=null");
    assertThat(get(siteListener, "/sonarr").body()).isEqualTo("path=/sonarr prefix=null");
    assertThat(get(siteListener, "/sonarrx").body()).doesNotContain("path=");
  }

  @Test
  void aStrippedPrefixReachesTheAppAtItsRootWithThePrefixForwarded() throws Exception {
    assertThat(get(siteListener, "/qbt/api/v2/app/version").body()).isEqualTo("path=/api/v2/app/version prefix=/qbt");
    assertThat(get(siteListener, "/qbt/").body()).isEqualTo("path=/ prefix=/qbt");
  }

  @Test
  void aPortModeListenerGivesTheWholeAppAtItsRoot() throws Exception {
    assertThat(get(portModeListener, "/").body()).isEqualTo("path=/ prefix=null");
    assertThat(get(portModeListener, "/login").body()).isEqualTo("path=/login prefix=null");
  }

  @Test
  void anUpstreamThatRefusesGives502NotA404() throws Exception {
    assertThat(get(siteListener, "/down/").statusCode()).isEqualTo(502);
  }

  @Test
  void aRouteWithAHostAnswersOnlyThatHost() throws Exception {
    assertThat(getWithHost(siteListener, "/named/x", "media.example.test")).endsWith("\r\n\r\npath=/named/x prefix=null");
    assertThat(getWithHost(siteListener, "/named/x", "other.example.test")).doesNotContain("path=");
  }

  @Test
  void aWebSocketUpgradePassesThroughAndCarriesBytesBothWays() throws Exception {
    WebSocketProbe.Exchange ws = WebSocketProbe.exchange(siteListener, "/ws/socket", "ping through caddy");

    assertThat(ws.head()).startsWith("HTTP/1.1 101").contains(WebSocketProbe.EXPECTED_ACCEPT);
    assertThat(ws.echoed()).isEqualTo("ping through caddy");
  }

  @Test
  void aRestartForgetsTheRoutesAndPuttingThemBackRestoresTheTraffic() throws Exception {
    caddy.restart();
    assertThat(proxy.read(PREFIX).servers()).isEmpty();
    assertThat(get(caddy.userListener(), "/").body()).isEqualTo(CaddyFixture.USER_BODY);

    servers.forEach(proxy::addServer);

    assertThat(proxy.read(PREFIX).servers()).containsExactlyInAnyOrderElementsOf(servers);
    assertThat(get(siteListener, "/sonarr/").body()).isEqualTo("path=/sonarr/ prefix=null");
    assertThat(get(caddy.userListener(), "/").body()).isEqualTo(CaddyFixture.USER_BODY);
  }

  private static HttpResponse<String> get(String listener, String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + listener + path))
        .timeout(Duration.ofSeconds(10)).build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** java.net.http will not set Host; one raw request does. The whole response, head and body. */
  private static String getWithHost(String listener, String path, String host) throws IOException {
    String[] hostPort = listener.split(":");
    try (Socket socket = new Socket(InetAddress.getByName(hostPort[0]), Integer.parseInt(hostPort[1]))) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    }
  }
}
