package dev.podkeeper.agent.plan;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.model.proxy.ProxyRoute;
import dev.podkeeper.model.proxy.ProxyServer;
import dev.podkeeper.model.proxy.ServerTls;
import java.util.List;

/** One change to the reverse proxy, as the {@link dev.podkeeper.model.port.ReverseProxy} port offers them. */
public sealed interface ProxyOperation {

  record AddServer(ProxyServer server) implements ProxyOperation {
    public AddServer {
      requireNonNull(server, "server is null");
    }
  }

  record SetListen(String serverId, List<String> listen) implements ProxyOperation {
    public SetListen {
      requireNonNull(serverId, "serverId is null");
      listen = List.copyOf(listen);
    }
  }

  /** Replaces how a server speaks TLS: its connection policies and its certificate objects. */
  record SetTls(String serverId, ServerTls tls) implements ProxyOperation {
    public SetTls {
      requireNonNull(serverId, "serverId is null");
      requireNonNull(tls, "tls is null");
    }
  }

  record AddRoute(String serverId, ProxyRoute route) implements ProxyOperation {
    public AddRoute {
      requireNonNull(serverId, "serverId is null");
      requireNonNull(route, "route is null");
    }
  }

  record ReplaceRoute(ProxyRoute route) implements ProxyOperation {
    public ReplaceRoute {
      requireNonNull(route, "route is null");
    }
  }

  /** Deletes every object with this id (the proxy accepts repeated ids; each delete takes one). */
  record DeleteAll(String id) implements ProxyOperation {
    public DeleteAll {
      requireNonNull(id, "id is null");
    }
  }
}
