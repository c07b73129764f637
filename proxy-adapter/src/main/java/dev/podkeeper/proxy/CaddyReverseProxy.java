package dev.podkeeper.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.podkeeper.model.port.FailureKind;
import dev.podkeeper.model.port.ProxyRefusedException;
import dev.podkeeper.model.port.ProxyUnreachableException;
import dev.podkeeper.model.port.ReverseProxy;
import dev.podkeeper.model.proxy.ObservedProxy;
import dev.podkeeper.model.proxy.ProxyIds;
import dev.podkeeper.model.proxy.ProxyRoute;
import dev.podkeeper.model.proxy.ProxyServer;
import dev.podkeeper.model.proxy.ServerTls;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link ReverseProxy} over Caddy's admin API (verified on 2.6.2). Reads {@code /config/apps} once (the http app's
 * servers and the tls app's objects); each change is one request on one object ({@code PUT} a new server under its
 * own key, {@code PATCH}, {@code POST} or {@code DELETE} on {@code /id/<id>}, a TLS object put into the tls app's
 * list), which Caddy applies as one reload or rolls back alone. Never {@code /load}: the user's own servers, routes
 * and TLS settings are never sent, so they cannot be changed.
 *
 * <p>A refusal is permanent when Caddy could not load a config with the change in it (its words: "loading new
 * config", e.g. a listener another program holds, a certificate file it cannot read), transient otherwise (an id
 * gone or a key already there: the config moved since the pass read it).
 */
public final class CaddyReverseProxy implements ReverseProxy, Closeable {
  private static final String APPS = "/config/apps";
  private static final String SERVERS = APPS + "/http/servers";
  private static final String TLS_APP = APPS + "/tls";
  private static final String CONFIG_NOT_LOADED = "loading new config";

  private final CaddyEndpoint endpoint;
  private final CaddyAdminClient admin;

  public CaddyReverseProxy(CaddyEndpoint endpoint) {
    this.endpoint = endpoint;
    this.admin = new CaddyAdminClient(endpoint, new ObjectMapper());
  }

  @Override
  public ObservedProxy read(String idPrefix) {
    JsonNode apps = get(APPS);
    JsonNode tlsApp = apps.path("tls");
    List<ProxyServer> owned = new ArrayList<>();
    Set<String> foreignListeners = new HashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = apps.path("http").path("servers").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String id = entry.getValue().path("@id").asText("");
      if (id.startsWith(idPrefix)) {
        owned.add(CaddyJson.readServer(id, entry.getValue(), tlsApp));
      } else {
        entry.getValue().path("listen").forEach(l -> foreignListeners.add(l.asText()));
      }
    }
    return new ObservedProxy(owned, foreignListeners, CaddyTls.ownedObjects(tlsApp, idPrefix));
  }

  /** The certificate object first, so that the server's first handshake finds it. */
  @Override
  public void addServer(ProxyServer server) {
    replaceTlsObject(server.id(), server.tls());
    change("PUT", SERVERS + "/" + server.id(), CaddyJson.server(server));
  }

  @Override
  public void setTls(String serverId, ServerTls tls) {
    replaceTlsObject(serverId, tls);
    String policies = "/id/" + serverId + "/tls_connection_policies";
    boolean present = !get(policies).isNull();
    if (tls.none()) {
      if (present) {
        change("DELETE", policies, null);
      }
    } else {
      change(present ? "PATCH" : "PUT", policies, CaddyTls.connectionPolicies(serverId, tls));
    }
  }

  /** Deletes every copy of the server's TLS objects and puts in the one its TLS needs, if any. */
  private void replaceTlsObject(String serverId, ServerTls tls) {
    for (String id : List.of(ProxyIds.tlsPolicy(serverId), ProxyIds.certificateFiles(serverId))) {
      while (delete(id)) {
        // each DELETE takes one copy
      }
    }
    CaddyTls.object(serverId, tls).ifPresent(o -> insertIntoTlsApp(o.under(), o.node()));
  }

  /**
   * Puts {@code object} first into the tls app's list at {@code under}, creating in the same request whatever of
   * the app and the path is missing ({@code PUT} on an array index inserts; Caddy refuses one past the end, and a
   * {@code PUT} on a missing list's index would make a map of it).
   */
  private void insertIntoTlsApp(List<String> under, JsonNode object) {
    JsonNode node = get(TLS_APP);
    String path = TLS_APP;
    if (node.isNull() || node.isMissingNode()) {
      change("PUT", path, nest(under, object));
      return;
    }
    for (int depth = 0; depth < under.size(); depth++) {
      if (!node.hasNonNull(under.get(depth))) {
        change("PUT", path + "/" + under.get(depth), nest(under.subList(depth + 1, under.size()), object));
        return;
      }
      node = node.get(under.get(depth));
      path += "/" + under.get(depth);
    }
    change(node.size() > 0 ? "PUT" : "POST", node.size() > 0 ? path + "/0" : path, object);
  }

  /** {@code object} in a list, inside maps keyed by {@code keys}. */
  private static JsonNode nest(List<String> keys, JsonNode object) {
    JsonNode nested = JsonNodeFactory.instance.arrayNode().add(object);
    for (int i = keys.size() - 1; i >= 0; i--) {
      nested = JsonNodeFactory.instance.objectNode().set(keys.get(i), nested);
    }
    return nested;
  }

  private JsonNode get(String path) {
    CaddyAdminClient.Answer answer = call("GET", path, null);
    if (!answer.ok()) {
      throw refused("GET", path, answer);
    }
    return answer.body().isMissingNode() ? NullNode.getInstance() : answer.body();
  }

  @Override
  public void setListen(String serverId, List<String> listen) {
    change("PATCH", "/id/" + serverId + "/listen", CaddyJson.listen(listen));
  }

  @Override
  public void addRoute(String serverId, ProxyRoute route) {
    change("POST", "/id/" + serverId + "/routes", CaddyJson.route(route));
  }

  @Override
  public void replaceRoute(ProxyRoute route) {
    change("PATCH", "/id/" + route.id(), CaddyJson.route(route));
  }

  @Override
  public boolean delete(String id) {
    CaddyAdminClient.Answer answer = call("DELETE", "/id/" + id, null);
    if (answer.status() == 404) {
      return false;
    }
    if (!answer.ok()) {
      throw refused("DELETE", "/id/" + id, answer);
    }
    return true;
  }

  @Override
  public String describe() {
    return "Caddy at " + endpoint;
  }

  private void change(String method, String path, JsonNode body) {
    CaddyAdminClient.Answer answer = call(method, path, body);
    if (!answer.ok()) {
      throw refused(method, path, answer);
    }
  }

  private CaddyAdminClient.Answer call(String method, String path, JsonNode body) {
    try {
      return admin.send(method, path, body);
    } catch (IOException e) {
      throw new ProxyUnreachableException(describe() + " did not answer " + method + " " + path + ": " + e
          + " (is caddy running with its admin API there? `systemctl status caddy`; proxy.caddy names the endpoint)",
          e);
    }
  }

  private ProxyRefusedException refused(String method, String path, CaddyAdminClient.Answer answer) {
    String error = answer.error();
    return new ProxyRefusedException(describe() + " refused " + method + " " + path + ": " + error
        + " (the rest of its config is unchanged)",
        error.contains(CONFIG_NOT_LOADED) ? FailureKind.PERMANENT : FailureKind.TRANSIENT);
  }

  @Override
  public void close() throws IOException {
    admin.close();
  }
}
