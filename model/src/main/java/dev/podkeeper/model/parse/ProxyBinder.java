package dev.podkeeper.model.parse;

import dev.podkeeper.model.desired.ProxySpec;
import dev.podkeeper.model.desired.RouteSpec;
import dev.podkeeper.model.desired.RouteSpec.RouteOwner;
import dev.podkeeper.model.desired.SiteSpec;
import dev.podkeeper.model.desired.SiteTls;
import dev.podkeeper.model.parse.YamlNode.Entry;
import dev.podkeeper.model.validate.FormatException;
import dev.podkeeper.model.validate.HostPaths;
import dev.podkeeper.model.validate.NodePath;
import dev.podkeeper.model.validate.Quote;
import dev.podkeeper.model.validate.Rule;
import dev.podkeeper.model.validate.ValueSyntax;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Binds {@code proxy:} and the {@code routes:} of every container and unit into one {@link ProxySpec}. The
 * container and unit binders accept the {@code routes} key and leave it alone: routes are read here, from the same
 * tree, so that they never become part of a container's spec.
 */
final class ProxyBinder {
  private static final KnownKeys PROXY = KnownKeys.of("caddy", "sites");
  private static final KnownKeys SITE = KnownKeys.of("host", "listen", "tls");
  private static final KnownKeys TLS_FILES = KnownKeys.of("certFile", "keyFile");
  private static final KnownKeys ROUTE = KnownKeys.of("path", "site", "listen", "stripPrefix", "port", "upstream");
  private static final Map<String, SiteTls> TLS_WORDS =
      Map.of("none", SiteTls.NONE, "internal", SiteTls.INTERNAL, "tailscale", SiteTls.TAILSCALE);
  private static final Pattern TCP_ENDPOINT = Pattern.compile("http://[^/:@\\s]+:[0-9]{1,5}/?");
  private static final String ROUTES_EXAMPLE = "[{ path: /sonarr }]";

  private ProxyBinder() {}

  static ProxySpec proxy(YamlNode root, Binding binding) {
    Map<String, Entry> top = mappingEntries(root);
    String caddy = ProxySpec.DEFAULT_CADDY;
    Map<String, SiteSpec> sites = new LinkedHashMap<>();
    Entry proxy = top.get("proxy");
    if (proxy != null) {
      MappingReader p = MappingReader.of(proxy, NodePath.of("proxy"), binding, PROXY);
      caddy = p.parsed("caddy", ProxyBinder::endpoint).orElse(ProxySpec.DEFAULT_CADDY);
      for (Entry site : p.entries("sites").values()) {
        sites.put(site.key(), site(site, NodePath.of("proxy", "sites", site.key()), binding));
      }
    }
    List<RouteSpec> routes = new ArrayList<>();
    routes.addAll(routesOf(top.get("containers"), "containers", RouteOwner.Kind.CONTAINER, binding));
    routes.addAll(routesOf(top.get("units"), "units", RouteOwner.Kind.UNIT, binding));
    return new ProxySpec(caddy, sites, routes);
  }

  private static SiteSpec site(Entry entry, NodePath path, Binding binding) {
    MappingReader s = MappingReader.of(entry, path, binding, SITE);
    List<String> listen = s.require("listen") ? s.texts("listen", "[\"127.0.0.1:8443\"]") : List.of();
    return new SiteSpec(entry.key(), s.text("host"), listen, tls(s));
  }

  private static SiteTls tls(MappingReader site) {
    Optional<Entry> tls = site.entry("tls");
    if (tls.isEmpty()) {
      return SiteTls.NONE;
    }
    if (tls.get().value() instanceof YamlNode.Mapping) {
      MappingReader files = MappingReader.of(tls.get(), site.path().key("tls"), site.binding(), TLS_FILES);
      Optional<Path> cert = files.requiredParsed("certFile", text -> HostPaths.parse("certFile", text));
      Optional<Path> key = files.requiredParsed("keyFile", text -> HostPaths.parse("keyFile", text));
      return cert.isPresent() && key.isPresent() ? new SiteTls.Files(cert.get(), key.get()) : SiteTls.NONE;
    }
    return site.choice("tls", TLS_WORDS, "none, internal, tailscale, or { certFile: /abs, keyFile: /abs }")
        .orElse(SiteTls.NONE);
  }

  /** The routes under each entry of {@code containers:} or {@code units:}. */
  private static List<RouteSpec> routesOf(Entry section, String sectionName, RouteOwner.Kind kind, Binding binding) {
    List<RouteSpec> routes = new ArrayList<>();
    if (section == null) {
      return routes;
    }
    for (Entry owner : mappingEntries(section.value()).values()) {
      Entry list = mappingEntries(owner.value()).get("routes");
      if (list == null || list.value() instanceof YamlNode.Scalar s && s.isNull()) {
        continue;
      }
      if (!(list.value() instanceof YamlNode.Sequence items)) {
        binding.problems().add(list.value().location(), Rule.VALUE_TYPE, "routes must be a list, e.g. " + ROUTES_EXAMPLE);
        continue;
      }
      for (int i = 0; i < items.items().size(); i++) {
        YamlNode item = items.items().get(i);
        NodePath path = NodePath.of(sectionName, owner.key()).key("routes").index(i);
        routes.add(route(MappingReader.of(item, path, item.location(), binding, ROUTE),
            new RouteOwner(kind, owner.key(), i)));
      }
    }
    return routes;
  }

  private static RouteSpec route(MappingReader r, RouteOwner owner) {
    return new RouteSpec(owner, r.text("path"), r.text("site"), r.text("listen"),
        r.bool("stripPrefix").orElse(false),
        r.parsed("port", text -> ValueSyntax.wholeNumber("port", text)),
        r.text("upstream"));
  }

  private static String endpoint(String text) throws FormatException {
    boolean unix = text.startsWith("unix:///") && text.length() > "unix:///".length();
    if (!unix && !TCP_ENDPOINT.matcher(text).matches()) {
      throw new FormatException(Rule.PROXY_CADDY, "caddy " + Quote.of(text)
          + " is not Caddy's admin endpoint; write http://127.0.0.1:2019 or unix:///run/caddy/admin.sock");
    }
    return text;
  }

  /** A mapping's entries; anything else (reported by the binder that owns it) has none. */
  private static Map<String, Entry> mappingEntries(YamlNode node) {
    return node instanceof YamlNode.Mapping m ? m.entries() : Map.of();
  }
}
