package dev.podkeeper.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Injector;
import dev.podkeeper.agent.lifecycle.LifeCycleManager;
import dev.podkeeper.agent.observe.ProxyObserver;
import dev.podkeeper.agent.observe.SelectedReverseProxy;
import dev.podkeeper.agent.testing.RouteStacks;
import dev.podkeeper.model.testing.LoopbackPorts;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The production wiring's reverse proxy: Caddy's client at the file's endpoint, closed when the agent stops. */
class ProxyWiringTest {
  @Test
  void theSelectedCaddyClientIsClosedOnStop() throws Exception {
    LifeCycleManager lifeCycle = new LifeCycleManager();
    Injector injector = AgentWiring.PRODUCTION.injector(new GlobalOptions(), new PrintWriter(new StringWriter()),
        lifeCycle, true);
    String endpoint = "http://" + LoopbackPorts.freeAddress();
    injector.getInstance(ProxyObserver.class)
        .observe(RouteStacks.parse(RouteStacks.YAML.replace("http://127.0.0.1:2019", endpoint)));
    SelectedReverseProxy proxy = injector.getInstance(SelectedReverseProxy.class);
    assertThat(proxy.describe()).isEqualTo("Caddy at " + endpoint);

    lifeCycle.stop();

    assertThat(proxy.describe()).isEqualTo("no reverse proxy");
  }
}
