package dev.podkeeper.model.testing;

import dev.podkeeper.model.port.FailureKind;
import dev.podkeeper.model.port.ProxyRefusedException;
import dev.podkeeper.model.port.ProxyUnreachableException;
import dev.podkeeper.model.port.ReverseProxy;
import dev.podkeeper.model.proxy.ObservedProxy;
import dev.podkeeper.model.proxy.ProxyRoute;
import dev.podkeeper.model.proxy.ProxyIds;
import dev.podkeeper.model.proxy.ProxyServer;
import dev.podkeeper.model.proxy.ServerTls;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An in-memory reverse proxy that behaves as Caddy 2.6.2 does where reconcile can tell: a repeated {@code @id} is
 * accepted, a listener another server holds is refused for good (and nothing else changes), an unknown id is
 * refused as something that may pass, and
 * a restart forgets everything that came through the API, leaving the servers the config file had. Safe to call
 * from the executor's threads at once.
 */
public final class FakeReverseProxy implements ReverseProxy {
  private final List<ProxyServer> fromConfigFile = new ArrayList<>();
  private final List<ProxyServer> servers = new ArrayList<>();
  private boolean reachable = true;
  private int reads;
  private int changes;

  /** A server of the user's own, as if in Caddy's config file: it survives a restart. */
  public synchronized FakeReverseProxy withUserServer(ProxyServer server) {
    fromConfigFile.add(server);
    servers.add(server);
    return this;
  }

  /** Caddy restarted or reloaded its file: every change made through the API is gone. */
  public synchronized void restart() {
    servers.clear();
    servers.addAll(fromConfigFile);
  }

  public synchronized void setReachable(boolean reachable) {
    this.reachable = reachable;
  }

  public synchronized int reads() {
    return reads;
  }

  /** How many changes were asked for, taken or refused. */
  public synchronized int changes() {
    return changes;
  }

  /** Every server, the user's included, as they are now. */
  public synchronized List<ProxyServer> allServers() {
    return List.copyOf(servers);
  }

  @Override
  public synchronized ObservedProxy read(String idPrefix) {
    reachableOrThrow();
    reads++;
    List<ProxyServer> owned = servers.stream().filter(s -> s.id().startsWith(idPrefix)).toList();
    Set<String> foreign = servers.stream()
        .filter(s -> !s.id().startsWith(idPrefix))
        .flatMap(s -> s.listen().stream())
        .collect(Collectors.toSet());
    Set<String> tls = owned.stream().flatMap(s -> ProxyIds.tlsObjects(s.id(), s.tls()).stream())
        .collect(Collectors.toSet());
    return new ObservedProxy(owned, foreign, tls);
  }

  @Override
  public synchronized void addServer(ProxyServer server) {
    change();
    if (servers.stream().anyMatch(s -> s.id().equals(server.id()))) {
      throw new ProxyRefusedException("key already exists: " + server.id());
    }
    refuseTakenListeners(server.id(), server.listen());
    servers.add(server);
  }

  @Override
  public synchronized void setListen(String serverId, List<String> listen) {
    change();
    int at = indexOfServer(serverId);
    refuseTakenListeners(serverId, listen);
    servers.set(at, servers.get(at).withListen(listen));
  }

  @Override
  public synchronized void setTls(String serverId, ServerTls tls) {
    change();
    int at = indexOfServer(serverId);
    servers.set(at, servers.get(at).withTls(tls));
  }

  @Override
  public synchronized void addRoute(String serverId, ProxyRoute route) {
    change();
    int at = indexOfServer(serverId);
    servers.set(at, servers.get(at).plusRoute(route));
  }

  @Override
  public synchronized void replaceRoute(ProxyRoute route) {
    change();
    for (int i = servers.size() - 1; i >= 0; i--) {
      List<ProxyRoute> routes = new ArrayList<>(servers.get(i).routes());
      for (int j = routes.size() - 1; j >= 0; j--) {
        if (routes.get(j).id().equals(route.id())) {
          routes.set(j, route);
          servers.set(i, servers.get(i).withRoutes(routes));
          return;
        }
      }
    }
    throw unknown(route.id());
  }

  /** Like Caddy's id index, which keeps the last object indexed, the last copy goes first. */
  @Override
  public synchronized boolean delete(String id) {
    change();
    for (int i = servers.size() - 1; i >= 0; i--) {
      ProxyServer server = servers.get(i);
      if (server.id().equals(id)) {
        servers.remove(i);
        return true;
      }
      List<ProxyRoute> routes = new ArrayList<>(server.routes());
      for (int j = routes.size() - 1; j >= 0; j--) {
        if (routes.get(j).id().equals(id)) {
          routes.remove(j);
          servers.set(i, server.withRoutes(routes));
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public String describe() {
    return "the fake reverse proxy";
  }

  private void change() {
    reachableOrThrow();
    changes++;
  }

  private void reachableOrThrow() {
    if (!reachable) {
      throw new ProxyUnreachableException("the fake reverse proxy is down", null);
    }
  }

  private int indexOfServer(String id) {
    for (int i = servers.size() - 1; i >= 0; i--) {
      if (servers.get(i).id().equals(id)) {
        return i;
      }
    }
    throw unknown(id);
  }

  private void refuseTakenListeners(String serverId, List<String> listen) {
    Set<String> seen = new HashSet<>();
    for (String address : listen) {
      if (!seen.add(address)) {
        throw new ProxyRefusedException("server " + serverId + ": listener address repeated: tcp/" + address,
            FailureKind.PERMANENT);
      }
    }
    for (ProxyServer other : servers) {
      if (!other.id().equals(serverId)) {
        for (String address : listen) {
          if (other.listen().contains(address)) {
            throw new ProxyRefusedException("server " + other.id() + ": listener address repeated: tcp/" + address
                + " (already claimed by server '" + serverId + "')", FailureKind.PERMANENT);
          }
        }
      }
    }
  }

  private static ProxyRefusedException unknown(String id) {
    return new ProxyRefusedException("unknown object ID '" + id + "'");
  }
}
