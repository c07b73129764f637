package dev.podkeeper.model.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.model.port.ReverseProxy;
import dev.podkeeper.model.proxy.ProxyRoute;
import dev.podkeeper.model.proxy.ProxyServer;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeReverseProxyContractTest extends ReverseProxyContract {
  private static final ProxyServer USERS = new ProxyServer("users-site", List.of("127.0.0.1:443"),
      List.of(ProxyRoute.onPath("mine", java.util.Optional.empty(), "/mine", false, "127.0.0.1:3000")));
  private FakeReverseProxy fake;
  private int nextPort = 20000;

  @Override
  protected ReverseProxy newProxy() {
    fake = new FakeReverseProxy().withUserServer(USERS);
    return fake;
  }

  @Override
  protected String userServerNow() {
    return fake.allServers().stream().filter(s -> s.id().equals(USERS.id())).toList().toString();
  }

  @Override
  protected String userListener() {
    return "127.0.0.1:443";
  }

  @Override
  protected String freeListener() {
    return "127.0.0.1:" + nextPort++;
  }

  @Override
  protected void restartProxy() {
    fake.restart();
  }

  @Override
  protected ReverseProxy unreachableProxy() {
    FakeReverseProxy down = new FakeReverseProxy();
    down.setReachable(false);
    return down;
  }

  /** The fake's own counters, which planner tests use to show a converged pass changes nothing. */
  @Test
  void countsReadsAndChanges() {
    proxy.read(PREFIX);
    proxy.addServer(site("main", freeListener()));

    assertThat(fake.reads()).isEqualTo(1);
    assertThat(fake.changes()).isEqualTo(1);
  }
}
