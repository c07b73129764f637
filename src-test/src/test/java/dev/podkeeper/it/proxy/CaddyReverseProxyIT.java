package dev.podkeeper.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.model.port.ReverseProxy;
import dev.podkeeper.model.proxy.ProxyRoute;
import dev.podkeeper.model.testing.LoopbackPorts;
import dev.podkeeper.model.testing.ReverseProxyContract;
import dev.podkeeper.proxy.CaddyEndpoint;
import dev.podkeeper.proxy.CaddyReverseProxy;
import dev.podkeeper.model.proxy.ProxyServer;
import java.io.IOException;
import java.util.List;
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
