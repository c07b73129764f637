package dev.podkeeper.agent.observe;

import dev.podkeeper.model.port.ReverseProxy;
import dev.podkeeper.model.proxy.ObservedProxy;
import dev.podkeeper.model.proxy.ProxyRoute;
import dev.podkeeper.model.proxy.ProxyServer;
import dev.podkeeper.model.proxy.ServerTls;
import java.util.List;

/**
 * The reverse proxy at the endpoint the current file names: observing a pass selects it, and the same one then
 * carries out the pass's route actions. A new endpoint (the file changed) replaces the old client, which is closed.
 */
public final class SelectedReverseProxy implements ReverseProxy, AutoCloseable {
  private final ProxyEndpoints endpoints;
  private String endpoint;
  private ReverseProxy current = NoReverseProxy.INSTANCE;

  public SelectedReverseProxy(ProxyEndpoints endpoints) {
    this.endpoints = endpoints;
  }

  synchronized void select(String newEndpoint) {
    if (newEndpoint.equals(endpoint)) {
      return;
    }
    ReverseProxy next = endpoints.at(newEndpoint);
    closeQuietly(current);
    current = next;
    endpoint = newEndpoint;
  }

  private synchronized ReverseProxy current() {
    return current;
  }

  @Override
  public ObservedProxy read(String idPrefix) {
    return current().read(idPrefix);
  }

  @Override
  public void addServer(ProxyServer server) {
    current().addServer(server);
  }

  @Override
  public void setListen(String serverId, List<String> listen) {
    current().setListen(serverId, listen);
  }

  @Override
  public void setTls(String serverId, ServerTls tls) {
    current().setTls(serverId, tls);
  }

  @Override
  public void addRoute(String serverId, ProxyRoute route) {
    current().addRoute(serverId, route);
  }

  @Override
  public void replaceRoute(ProxyRoute route) {
    current().replaceRoute(route);
  }

  @Override
  public boolean delete(String id) {
    return current().delete(id);
  }

  @Override
  public String describe() {
    return current().describe();
  }

  @Override
  public synchronized void close() {
    closeQuietly(current);
    current = NoReverseProxy.INSTANCE;
    endpoint = null;
  }

  private static void closeQuietly(ReverseProxy proxy) {
    if (proxy instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception ignored) {
        // A client of an endpoint no longer used: nothing depends on its closing cleanly.
      }
    }
  }
}
