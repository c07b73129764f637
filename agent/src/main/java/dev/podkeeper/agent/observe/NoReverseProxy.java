package dev.podkeeper.agent.observe;

import dev.podkeeper.model.port.ProxyUnreachableException;
import dev.podkeeper.model.port.ReverseProxy;
import dev.podkeeper.model.proxy.ObservedProxy;
import dev.podkeeper.model.proxy.ProxyRoute;
import dev.podkeeper.model.proxy.ProxyServer;
import dev.podkeeper.model.proxy.ServerTls;
import java.util.List;

/**
 * The proxy of an agent wired without one (tests, and before the first file names an endpoint): every call says
 * so, as an unreachable proxy would.
 */
public final class NoReverseProxy implements ReverseProxy {
  public static final NoReverseProxy INSTANCE = new NoReverseProxy();

  private NoReverseProxy() {}

  @Override
  public ObservedProxy read(String idPrefix) {
    throw absent();
  }

  @Override
  public void addServer(ProxyServer server) {
    throw absent();
  }

  @Override
  public void setListen(String serverId, List<String> listen) {
    throw absent();
  }

  @Override
  public void setTls(String serverId, ServerTls tls) {
    throw absent();
  }

  @Override
  public void addRoute(String serverId, ProxyRoute route) {
    throw absent();
  }

  @Override
  public void replaceRoute(ProxyRoute route) {
    throw absent();
  }

  @Override
  public boolean delete(String id) {
    throw absent();
  }

  @Override
  public String describe() {
    return "no reverse proxy";
  }

  private static ProxyUnreachableException absent() {
    return new ProxyUnreachableException("no reverse proxy is wired into this agent", null);
  }
}
