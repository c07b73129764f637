package dev.podkeeper.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.model.port.ReverseProxy;
import dev.podkeeper.model.proxy.ProxyRoute;
import dev.podkeeper.model.testing.LoopbackPorts;
import dev.podkeeper.model.testing.ReverseProxyContract;
import dev.podkeeper.proxy.CaddyEndpoint;
import dev.podkeeper.proxy.CaddyReverseProxy;
import java.io.IOException;
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
