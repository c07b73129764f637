package dev.podkeeper.agent.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.agent.plan.ProxyObservation;
import dev.podkeeper.agent.testing.RouteStacks;
import dev.podkeeper.agent.testing.Stacks;
import dev.podkeeper.model.proxy.ObservedProxy;
import dev.podkeeper.model.testing.FakeReverseProxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProxyObserverTest {
  private final FakeReverseProxy caddy = new FakeReverseProxy();
  private final List<String> endpointsAsked = new ArrayList<>();
  private final ProxyObserver observer = new ProxyObserver(new SelectedReverseProxy(endpoint -> {
    endpointsAsked.add(endpoint);
    return caddy;
  }));

  @Test
  void aFileWithRoutesReadsTheProxyAtItsEndpointOncePerPass() {
    assertThat(observer.observe(RouteStacks.seed())).isEqualTo(ProxyObservation.seen(ObservedProxy.empty()));
    observer.observe(RouteStacks.seed());

    assertThat(caddy.reads()).isEqualTo(2);
    assertThat(endpointsAsked).containsExactly("http://127.0.0.1:2019");
  }

  @Test
  void aFileWithoutProxyOrRoutesReadsNothing() {
    assertThat(observer.observe(Stacks.media())).isEqualTo(ProxyObservation.notRead());
    assertThat(caddy.reads()).isZero();
    assertThat(endpointsAsked).isEmpty();
  }

  @Test
  void aProxyThatDoesNotAnswerIsUnreachableWithItsWords() {
    caddy.setReachable(false);

    assertThat(observer.observe(RouteStacks.seed()).unreachable()).contains("the fake reverse proxy is down");
  }

  @Test
  void withoutAProxyWiredRoutesAreNeverRead() {
    assertThat(ProxyObserver.NONE.observe(RouteStacks.seed())).isEqualTo(ProxyObservation.notRead());
  }
}
