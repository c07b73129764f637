package dev.podkeeper.agent.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.OptionalBinder;
import dev.podkeeper.agent.observe.ProxyEndpoints;
import dev.podkeeper.proxy.CaddyEndpoint;
import dev.podkeeper.proxy.CaddyReverseProxy;

/**
 * The reverse proxy: Caddy's admin API at the file's {@code proxy.caddy}. A client connects per request, so a
 * Caddy that is not running shows as "waiting for Caddy" on the routes, never as a failed start.
 */
public final class ProxyModule extends AbstractModule {
  @Override
  protected void configure() {
    OptionalBinder.newOptionalBinder(binder(), ProxyEndpoints.class).setBinding()
        .toInstance(endpoint -> new CaddyReverseProxy(CaddyEndpoint.parse(endpoint)));
  }
}
