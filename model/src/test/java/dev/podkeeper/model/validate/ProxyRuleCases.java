package dev.podkeeper.model.validate;

import dev.podkeeper.model.validate.RuleCoverageTest.Case;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

/** {@link RuleCoverageTest}'s cases for the rules of {@code proxy:} and {@code routes:}. */
final class ProxyRuleCases {
  private static final String HEADER = "version: 1\nstack: s\n";
  /** One site "main" and a container "a" publishing 8989; a case's lines start on line 12, inside "a". */
  static final String SITE_AND_A = HEADER + """
      proxy:
        sites:
          main: { listen: ["127.0.0.1:8443"] }
      networks: { n: {} }
      containers:
        a:
          image: i
          network: n
          ports: ["127.0.0.1:8989:8989"]
      """;

  private ProxyRuleCases() {}

  static Stream<Case> cases() {
    return Stream.of(
        text(Rule.PROXY_CADDY, HEADER + "proxy:\n  caddy: localhost:2019\n", 4, 10,
            "caddy \"localhost:2019\" is not Caddy's admin endpoint; write http://127.0.0.1:2019 or "
                + "unix:///run/caddy/admin.sock"),
        text(Rule.PROXY_LISTEN, HEADER + "proxy:\n  sites:\n    main: { listen: [\"8443\"] }\n", 5, 22,
            "listen \"8443\" is not IP:PORT; write e.g. 127.0.0.1:8443, or :8443 for every address"),
        text(Rule.PROXY_TLS, HEADER + "proxy:\n  sites:\n    main: { listen: [\"127.0.0.1:8443\"], tls: tailscale }\n",
            5, 46, "site \"main\" has tls tailscale but no host"),
        text(Rule.ROUTES_MODE, SITE_AND_A + "    routes: [{ path: /a, listen: \"127.0.0.1:9000\" }]\n", 12, 14,
            "a route of container \"a\" needs exactly one of path"),
        text(Rule.ROUTES_SITE, SITE_AND_A + "    routes: [{ path: /a, site: other }]\n", 12, 32,
            "route site \"other\" is not in proxy.sites"),
        text(Rule.ROUTES_UPSTREAM, SITE_AND_A + "    routes: [{ path: /a, port: 9000 }]\n", 12, 32,
            "route port 9000 of container \"a\" is not a loopback TCP port \"a\" publishes; it has 8989"),
        text(Rule.ROUTES_PATH, SITE_AND_A + "    routes: [{ path: /a/ }]\n", 12, 22,
            "route path \"/a/\" must start with /, not be / itself, and have no trailing /"),
        text(Rule.ROUTES_PATH_CLASH, SITE_AND_A + "    routes: [{ path: /a }, { path: /a/b }]\n", 12, 36,
            "route path \"/a/b\" of container \"a\" on site \"main\" nests inside \"/a\" of container \"a\" "
                + "(stack.yaml:12:22)"),
        text(Rule.ROUTES_LISTEN_CLASH, SITE_AND_A + "    routes: [{ listen: \"127.0.0.1:8989\" }]\n", 12, 24,
            "listener \"127.0.0.1:8989\" of the route of container \"a\" is a host port container \"a\" publishes"));
  }

  private static Case text(Rule rule, String yaml, int line, int column, String... words) {
    return new Case(rule, yaml.getBytes(StandardCharsets.UTF_8), line, column, List.of(words));
  }
}
