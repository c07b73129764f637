package dev.podkeeper.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podkeeper.model.port.ProxyRefusedException;
import dev.podkeeper.model.port.ProxyUnreachableException;
import dev.podkeeper.model.port.ReverseProxy;
import dev.podkeeper.model.proxy.ObservedProxy;
import dev.podkeeper.model.proxy.ProxyRoute;
import dev.podkeeper.model.proxy.ProxyServer;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link ReverseProxy} over Caddy's admin API (verified on 2.6.2). Reads {@code /config/apps/http/servers} once;
 * each change is one request on one object ({@code PUT} a new server under its own key, {@code PATCH}, {@code POST}
 * or {@code DELETE} on {@code /id/<id>}), which Caddy applies as one reload or rolls back alone. Never {@code /load}:
 * the user's own servers and routes are never sent, so they cannot be changed.
 */
public final class CaddyReverseProxy implements ReverseProxy, Closeable {
  private static final String SERVERS = "/config/apps/http/servers";

  private final CaddyEndpoint endpoint;
  private final CaddyAdminClient admin;

  public CaddyReverseProxy(CaddyEndpoint endpoint) {
    this.endpoint = endpoint;
    this.admin = new CaddyAdminClient(endpoint, new ObjectMapper());
  }

  @Override
  public ObservedProxy read(String idPrefix) {
    CaddyAdminClient.Answer answer = call("GET", SERVERS, null);
    if (!answer.ok()) {
      throw refused("GET", SERVERS, answer);
    }
    List<ProxyServer> owned = new ArrayList<>();
    Set<String> foreignListeners = new HashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = answer.body().fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String id = entry.getValue().path("@id").asText("");
      if (id.startsWith(idPrefix)) {
        owned.add(CaddyJson.readServer(id, entry.getValue()));
      } else {
        entry.getValue().path("listen").forEach(l -> foreignListeners.add(l.asText()));
      }
    }
    return new ObservedProxy(owned, foreignListeners);
  }

  @Override
  public void addServer(ProxyServer server) {
    change("PUT", SERVERS + "/" + server.id(), CaddyJson.server(server));
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
    return new ProxyRefusedException(describe() + " refused " + method + " " + path + ": " + answer.error()
        + " (the rest of its config is unchanged)");
  }

  @Override
  public void close() throws IOException {
    admin.close();
  }
}
