package dev.podkeeper.model.port;

import dev.podkeeper.model.proxy.ObservedProxy;
import dev.podkeeper.model.proxy.ProxyRoute;
import dev.podkeeper.model.proxy.ProxyServer;
import dev.podkeeper.model.proxy.ServerTls;
import java.util.List;

/**
 * The reverse proxy (Caddy), as reconcile needs it: one read of the part podkeeper owns per pass, then changes
 * object by object, each its own atomic reload, so that one refused change fails alone. It never replaces the
 * proxy's whole config and never touches an object whose {@code @id} is not podkeeper's. Implemented over Caddy's
 * admin API by the proxy adapter and in memory by {@code FakeReverseProxy}.
 *
 * <p>Every method throws {@link ProxyUnreachableException} when the proxy cannot be reached and
 * {@link ProxyRefusedException} when it answered but would not take the change.
 */
public interface ReverseProxy {

  /** The servers whose {@code @id} starts with {@code idPrefix}, with their routes, and every other server's listeners. */
  ObservedProxy read(String idPrefix);

  /** Adds a server with its routes and TLS; refused when a server with its id exists or one of its listeners is taken. */
  void addServer(ProxyServer server);

  /** Replaces the listeners of an existing server, leaving its routes alone. */
  void setListen(String serverId, List<String> listen);

  /**
   * Replaces how an existing server speaks TLS: its certificate objects (policy or files, which live outside the
   * server) and its TLS handshakes, leaving its listeners and routes alone. A certificate is never asked of a
   * public CA: {@code internal} comes from the proxy's own CA, {@code tailscale} from the local tailscaled, files
   * are read by the proxy from their paths.
   */
  void setTls(String serverId, ServerTls tls);

  /** Appends a route to an existing server. The proxy does not refuse a repeated id: the caller must not repeat one. */
  void addRoute(String serverId, ProxyRoute route);

  /** Replaces the route with {@code route.id()}; refused when there is none. */
  void replaceRoute(ProxyRoute route);

  /** Deletes one object with this {@code @id}; false when there was none. With duplicates, call until false. */
  boolean delete(String id);

  /** Which proxy this is, for messages: e.g. {@code Caddy at http://127.0.0.1:2019}. */
  String describe();
}
