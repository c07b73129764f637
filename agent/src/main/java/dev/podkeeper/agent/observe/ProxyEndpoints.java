package dev.podkeeper.agent.observe;

import dev.podkeeper.model.port.ReverseProxy;

/** Makes the reverse proxy at an endpoint the file names ({@code proxy.caddy}); bound by the proxy wiring. */
@FunctionalInterface
public interface ProxyEndpoints {
  ProxyEndpoints NONE = endpoint -> NoReverseProxy.INSTANCE;

  ReverseProxy at(String endpoint);
}
