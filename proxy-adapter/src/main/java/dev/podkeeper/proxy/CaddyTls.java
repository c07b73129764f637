package dev.podkeeper.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podkeeper.model.desired.SiteTls;
import dev.podkeeper.model.proxy.ProxyIds;
import dev.podkeeper.model.proxy.ServerTls;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A server's TLS as Caddy's JSON (verified on 2.6.2), and back. Every podkeeper server keeps
 * {@code automatic_https.disable}, so Caddy never asks a public CA (ACME) for any of its names, {@code *.ts.net}
 * included; a TLS server instead has {@code tls_connection_policies} and one object of its own in the tls app:
 * <ul>
 *   <li>{@code internal}: an automation policy for the site's host with Caddy's internal issuer, on demand (the
 *       certificate is made at the first handshake for that name, and only for that name);
 *   <li>{@code tailscale}: an automation policy for the host that gets the certificate from tailscaled
 *       ({@code get_certificate: [{via: tailscale}]}) and has no issuer to fall back on;
 *   <li>files: a {@code certificates.load_files} entry naming the paths (Caddy reads them; podkeeper does not),
 *       tagged with the server's id, which its connection policy selects.
 * </ul>
 * Policies go first in the tls app's list, so that a catch-all policy of the user's cannot shadow them.
 */
final class CaddyTls {
  static final List<String> POLICIES = List.of("automation", "policies");
  static final List<String> LOAD_FILES = List.of("certificates", "load_files");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final SiteTls UNRECOGNISED = new SiteTls.Word("(not a TLS setup podkeeper writes)");

  private CaddyTls() {}

  /** The server's {@code tls_connection_policies}; only for a server with TLS. */
  static ArrayNode connectionPolicies(String serverId, ServerTls tls) {
    ArrayNode policies = NODES.arrayNode();
    ObjectNode policy = policies.addObject();
    if (tls.mode() instanceof SiteTls.Files) {
      policy.putObject("certificate_selection").putArray("any_tag").add(serverId);
    }
    return policies;
  }

  /** The tls app's object for this server: where it goes ({@link #POLICIES} or {@link #LOAD_FILES}) and what. */
  record TlsObject(List<String> under, ObjectNode node) {}

  static Optional<TlsObject> object(String serverId, ServerTls tls) {
    if (tls.none()) {
      return Optional.empty();
    }
    if (tls.mode() instanceof SiteTls.Files files) {
      ObjectNode load = NODES.objectNode().put("@id", ProxyIds.certificateFiles(serverId))
          .put("certificate", files.certFile().toString())
          .put("key", files.keyFile().toString());
      load.putArray("tags").add(serverId);
      return Optional.of(new TlsObject(LOAD_FILES, load));
    }
    ObjectNode policy = NODES.objectNode().put("@id", ProxyIds.tlsPolicy(serverId));
    policy.putArray("subjects").add(tls.host().orElseThrow());
    if (tls.mode().equals(SiteTls.INTERNAL)) {
      policy.putArray("issuers").addObject().put("module", "internal");
      policy.put("on_demand", true);
    } else {
      policy.putArray("get_certificate").addObject().put("via", "tailscale");
    }
    return Optional.of(new TlsObject(POLICIES, policy));
  }

  /** The ids of the tls app's objects that start with {@code idPrefix}. */
  static Set<String> ownedObjects(JsonNode tlsApp, String idPrefix) {
    Set<String> owned = new HashSet<>();
    for (List<String> under : List.of(POLICIES, LOAD_FILES)) {
      for (JsonNode object : at(tlsApp, under)) {
        String id = object.path("@id").asText("");
        if (id.startsWith(idPrefix)) {
          owned.add(id);
        }
      }
    }
    return owned;
  }

  /** How the server speaks TLS, from its connection policies and its object in the tls app. */
  static ServerTls read(String serverId, JsonNode server, JsonNode tlsApp) {
    JsonNode connection = server.path("tls_connection_policies");
    if (connection.isMissingNode() || connection.isNull()) {
      return ServerTls.NONE;
    }
    if (connection.size() != 1) {
      return new ServerTls(UNRECOGNISED, Optional.empty());
    }
    JsonNode selection = connection.get(0).path("certificate_selection").path("any_tag");
    Optional<ServerTls> tls = selection.size() == 1 && selection.get(0).asText().equals(serverId)
        ? files(find(tlsApp, LOAD_FILES, ProxyIds.certificateFiles(serverId)))
        : connection.get(0).size() == 0 ? byName(find(tlsApp, POLICIES, ProxyIds.tlsPolicy(serverId))) : Optional.empty();
    return tls.orElseGet(() -> new ServerTls(UNRECOGNISED, Optional.empty()));
  }

  private static Optional<ServerTls> files(Optional<JsonNode> load) {
    return load.filter(l -> l.path("certificate").isTextual() && l.path("key").isTextual())
        .map(l -> ServerTls.of(new SiteTls.Files(Path.of(l.get("certificate").asText()), Path.of(l.get("key").asText())),
            Optional.empty()));
  }

  private static Optional<ServerTls> byName(Optional<JsonNode> found) {
    if (found.isEmpty() || found.get().path("subjects").size() != 1) {
      return Optional.empty();
    }
    JsonNode policy = found.get();
    Optional<String> host = Optional.of(policy.get("subjects").get(0).asText());
    JsonNode issuers = policy.path("issuers");
    JsonNode managers = policy.path("get_certificate");
    if (issuers.size() == 1 && "internal".equals(issuers.get(0).path("module").asText())
        && policy.path("on_demand").asBoolean(false) && managers.isMissingNode()) {
      return Optional.of(ServerTls.of(SiteTls.INTERNAL, host));
    }
    if (managers.size() == 1 && "tailscale".equals(managers.get(0).path("via").asText()) && issuers.isMissingNode()) {
      return Optional.of(ServerTls.of(SiteTls.TAILSCALE, host));
    }
    return Optional.empty();
  }

  private static Optional<JsonNode> find(JsonNode tlsApp, List<String> under, String id) {
    for (JsonNode object : at(tlsApp, under)) {
      if (id.equals(object.path("@id").asText())) {
        return Optional.of(object);
      }
    }
    return Optional.empty();
  }

  private static JsonNode at(JsonNode tlsApp, List<String> under) {
    JsonNode node = tlsApp;
    for (String key : under) {
      node = node.path(key);
    }
    return node;
  }
}
