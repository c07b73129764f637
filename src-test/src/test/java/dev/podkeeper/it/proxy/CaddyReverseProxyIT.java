package dev.podkeeper.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.podkeeper.model.desired.SiteTls;
import dev.podkeeper.model.port.FailureKind;
import dev.podkeeper.model.port.ProxyRefusedException;
import dev.podkeeper.model.port.ReverseProxy;
import dev.podkeeper.model.proxy.ProxyIds;
import dev.podkeeper.model.proxy.ServerTls;
import dev.podkeeper.model.proxy.ProxyRoute;
import dev.podkeeper.model.testing.LoopbackPorts;
import dev.podkeeper.model.testing.ReverseProxyContract;
import dev.podkeeper.proxy.CaddyEndpoint;
import dev.podkeeper.proxy.CaddyReverseProxy;
import dev.podkeeper.model.proxy.ProxyServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reverse-proxy contract against Caddy 2.6.2 started by the test, its admin API on a loopback port. */
class CaddyReverseProxyIT extends ReverseProxyContract {
  private CaddyFixture caddy;
  private CaddyReverseProxy adapter;

  protected boolean overUnixSocket() {
    return false;
  }

  @Override
  protected ReverseProxy newProxy() {
    caddy = CaddyFixture.start(getClass().getSimpleName(), overUnixSocket());
    adapter = new CaddyReverseProxy(caddy.endpoint());
    return adapter;
  }

  @AfterEach
  void stopCaddy() throws IOException {
    adapter.close();
    caddy.close();
  }

  @Override
  protected String userServerNow() {
    return caddy.userServerNow();
  }

  @Override
  protected String userListener() {
    return caddy.userListener();
  }

  @Override
  protected String freeListener() {
    return LoopbackPorts.freeAddress();
  }

  @Override
  protected void restartProxy() {
    caddy.restart();
  }

  @Override
  protected ReverseProxy unreachableProxy() {
    return new CaddyReverseProxy(CaddyEndpoint.parse("http://" + LoopbackPorts.freeAddress()));
  }

  @Override
  protected SiteTls.Files certificateFiles() {
    return caddy.selfSignedCertificate(FILES_HOST);
  }

  /** The user's own server is the upstream: its answer through an HTTPS site proves the handshake and the route. */
  @Test
  void anInternalTlsSiteServesHttpsWithACertificateOfCaddysOwnCa() {
    String listener = freeListener();
    proxy.addServer(site("main", listener,
            ProxyRoute.onPath(PREFIX + "route.user", Optional.of("media.example.test"), "/user", false, userListener()))
        .withTls(ServerTls.of(SiteTls.INTERNAL, Optional.of("media.example.test"))));

    assertThat(caddy.https("media.example.test", listener, "/user", Optional.empty())).isEqualTo(CaddyFixture.USER_BODY);
    assertThat(caddy.issuerOf("media.example.test", listener)).contains("Caddy Local Authority");
  }

  @Test
  void aSiteWithCertificateFilesServesThatCertificate() {
    String listener = freeListener();
    SiteTls.Files files = certificateFiles();
    proxy.addServer(site("main", listener,
            ProxyRoute.onPath(PREFIX + "route.user", Optional.of(FILES_HOST), "/user", false, userListener()))
        .withTls(ServerTls.of(files, Optional.empty())));

    assertThat(caddy.https(FILES_HOST, listener, "/user", Optional.of(files.certFile())))
        .isEqualTo(CaddyFixture.USER_BODY);
  }

  /** A catch-all policy of the user's (first in the list) must not shadow podkeeper's, nor be changed by it. */
  @Test
  void tlsObjectsGoFirstBesideTheUsersOwnTlsSettingsAndLeaveThemAlone() {
    String users = "{\"automation\": {\"policies\": [{\"issuers\": [{\"module\": \"internal\"}]}]}}";
    assertThat(caddy.admin("PUT", "/config/apps/tls", users)).isEmpty();
    ProxyServer site = site("main", freeListener()).withTls(ServerTls.of(SiteTls.TAILSCALE, Optional.of("hwc.example.ts.net")));

    proxy.addServer(site);
    proxy.setTls(site.id(), ServerTls.of(certificateFiles(), Optional.empty()));
    proxy.setTls(site.id(), ServerTls.of(SiteTls.INTERNAL, Optional.of("media.example.test")));
    assertThat(caddy.admin("GET", "/config/apps/tls/automation/policies/0/@id", null)).contains(ProxyIds.tlsPolicy(site.id()));
    proxy.setTls(site.id(), ServerTls.NONE);

    assertThat(caddy.admin("GET", "/config/apps/tls/automation/policies", null).replaceAll("\\s", ""))
        .isEqualTo("[{\"issuers\":[{\"module\":\"internal\"}]}]");
  }

  @Test
  void aCertificateFileCaddyCannotReadIsAPermanentRefusalOfThatChangeAlone() {
    ProxyServer site = site("main", freeListener());
    proxy.addServer(site);

    assertThatThrownBy(() -> proxy.setTls(site.id(), ServerTls.of(
            new SiteTls.Files(Path.of("/nonexistent/a.crt"), Path.of("/nonexistent/a.key")), Optional.empty())))
        .isInstanceOf(ProxyRefusedException.class)
        .hasMessageContaining("no such file")
        .extracting(e -> ((ProxyRefusedException) e).kind()).isEqualTo(FailureKind.PERMANENT);
    assertThat(proxy.read(PREFIX).servers()).containsExactly(site);
  }

  @Test
  void theUsersServerReadsBackFromCaddyAsItsConfigFileHasIt() {
    assertThat(userServerNow()).contains("users-route").contains(CaddyFixture.USER_BODY);
  }

  /** The executor runs independent actions at once; Caddy resets a request that arrives while it loads a config. */
  @Test
  void changesFromSeveralThreadsAtOnceAllLand() throws Exception {
    List<ProxyServer> servers = java.util.stream.IntStream.range(0, 6)
        .mapToObj(i -> site("listen.app" + i, freeListener(), ProxyRoute.wholeServer(PREFIX + "route.app" + i, upstream())))
        .toList();
    ExecutorService threads = Executors.newFixedThreadPool(servers.size());
    try {
      List<Future<?>> adds = servers.stream().map(s -> threads.submit(() -> proxy.addServer(s))).collect(
          java.util.stream.Collectors.toList());
      for (Future<?> add : adds) {
        add.get(30, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(proxy.read(PREFIX).servers()).containsExactlyInAnyOrderElementsOf(servers);
  }

  @Test
  void aRouteSomeoneEditedReadsAsUnrecognisedSoThatReconcileReplacesIt() {
    var site = site("main", freeListener(),
        ProxyRoute.onPath(PREFIX + "route.sonarr", java.util.Optional.empty(), "/sonarr", false, upstream()));
    proxy.addServer(site);
    String answer = caddy.admin("PATCH", "/id/" + PREFIX + "route.sonarr/handle/0",
        "{\"handler\": \"static_response\", \"body\": \"edited by hand\"}");
    assertThat(answer).isEmpty();

    assertThat(proxy.read(PREFIX).route(PREFIX + "route.sonarr").orElseThrow().upstream())
        .isEqualTo("(not a route shape podkeeper writes)");
  }
}
