package dev.podkeeper.model.validate;

import static dev.podkeeper.model.parse.Parsing.HEADER;
import static dev.podkeeper.model.parse.Parsing.onlyProblem;
import static dev.podkeeper.model.parse.Parsing.problems;
import static dev.podkeeper.model.parse.Parsing.valid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.ProxySpec;
import dev.podkeeper.model.desired.RouteSpec;
import dev.podkeeper.model.desired.RouteSpec.RouteOwner;
import dev.podkeeper.model.desired.SiteSpec;
import dev.podkeeper.model.desired.SiteTls;
import dev.podkeeper.model.hash.SpecHasher;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Section 6 of the spec: proxy sites and the routes of containers and units. */
class RouteRulesTest {
  /** The seed's shapes: a kept and a stripped subpath (the latter through gluetun's ports), port mode, a unit. */
  private static final String SEED = HEADER + """
      proxy:
        caddy: unix:///run/caddy/admin.sock
        sites:
          main:
            host: hwc.example.ts.net
            listen: ["127.0.0.1:8443"]
            tls: tailscale
      networks: { media: {} }
      units:
        jellyfin.service:
          state: active
          routes: [{ path: /jellyfin, upstream: "127.0.0.1:8096" }]
      containers:
        gluetun:
          image: g
          network: media
          ports: ["127.0.0.1:8080:8080", "127.0.0.1:8081:8085", "127.0.0.1:8082:8082/udp"]
        qbittorrent:
          image: q
          network: container:gluetun
          routes:
            - { path: /qbt, stripPrefix: true, port: 8080 }
        sonarr:
          image: s
          network: media
          ports: ["127.0.0.1:8989:8989"]
          routes:
            - path: /sonarr
        jellyseerr:
          image: j
          network: media
          ports: ["127.0.0.1:5055:5055"]
          routes:
            - listen: "127.0.0.1:5543"
      """;

  @Test
  void theSeedsRoutesParseIntoOneProxySpec() {
    DesiredState state = valid(SEED);

    assertThat(state.proxy()).isEqualTo(new ProxySpec("unix:///run/caddy/admin.sock",
        Map.of("main", new SiteSpec("main", Optional.of("hwc.example.ts.net"), List.of("127.0.0.1:8443"),
            SiteTls.TAILSCALE)),
        List.of(
            route(container("qbittorrent"), "/qbt", true, Optional.of(8080), Optional.empty()),
            route(container("sonarr"), "/sonarr", false, Optional.empty(), Optional.empty()),
            new RouteSpec(container("jellyseerr"), Optional.empty(), Optional.empty(), Optional.of("127.0.0.1:5543"),
                false, Optional.empty(), Optional.empty()),
            route(new RouteOwner(RouteOwner.Kind.UNIT, "jellyfin.service", 0), "/jellyfin", false, Optional.empty(),
                Optional.of("127.0.0.1:8096")))));
  }

  @Test
  void aRouteGoesToThePortItsContainerOrItsNamespaceProviderPublishes() {
    DesiredState state = valid(SEED);

    assertThat(state.proxy().routes().stream().map(r -> RouteTargets.upstream(state, r).orElseThrow()))
        .containsExactly("127.0.0.1:8080", "127.0.0.1:8989", "127.0.0.1:5055", "127.0.0.1:8096");
  }

  @Test
  void routesAreNotPartOfTheContainersSpecSoChangingOneRecreatesNothing() {
    DesiredState before = valid(SEED);
    DesiredState after = valid(SEED.replace("- path: /sonarr", "- { path: /tv, stripPrefix: true }"));

    assertThat(after.proxy()).isNotEqualTo(before.proxy());
    assertThat(after.containers()).isEqualTo(before.containers());
    assertThat(SpecHasher.containerHash(after.containers().get("sonarr"), Map.of(), Optional.empty()))
        .isEqualTo(SpecHasher.containerHash(before.containers().get("sonarr"), Map.of(), Optional.empty()));
  }

  @Test
  void withoutProxyOrRoutesTheStateHasNone() {
    assertThat(valid(HEADER).proxy()).isEqualTo(ProxySpec.NONE);
    assertThat(ProxySpec.NONE.caddy()).isEqualTo("http://127.0.0.1:2019");
  }

  @Test
  void certificateFilesAreAbsolutePaths() {
    DesiredState state = valid(HEADER + """
        proxy:
          sites:
            main: { listen: [":443"], tls: { certFile: /etc/ssl/a.crt, keyFile: /etc/ssl/a.key } }
        """);
    assertThat(state.proxy().sites().get("main").tls())
        .isEqualTo(new SiteTls.Files(Path.of("/etc/ssl/a.crt"), Path.of("/etc/ssl/a.key")));

    onlyProblem(HEADER + "proxy:\n  sites:\n    main: { listen: [\":443\"], tls: { certFile: a.crt, keyFile: /k } }\n",
        "path.absolute", 5, 48, "certFile \"a.crt\" is not an absolute path");
    onlyProblem(HEADER + "proxy:\n  sites:\n    main: { listen: [\":443\"], tls: acme }\n", "value.enum", 5, 36,
        "tls \"acme\" must be one of none, internal, tailscale");
  }

  @Test
  void aCertificateByNameNeedsTheNameAndTailscaleOnlyGivesTsNetOnes() {
    valid(HEADER + "proxy:\n  sites:\n    main: { host: a.example.test, listen: [\":8443\"], tls: internal }\n");
    onlyProblem(HEADER + "proxy:\n  sites:\n    main: { listen: [\":8443\"], tls: internal }\n", "proxy.tls", 5, 37,
        "site \"main\" has tls internal but no host");
    onlyProblem(HEADER + "proxy:\n  sites:\n    main: { host: a.example.test, listen: [\":8443\"], tls: tailscale }\n",
        "proxy.tls", 5, 59, "host \"a.example.test\" is not a *.ts.net name");
  }

  @Test
  void aMemberOfANamespaceWithSeveralPortsMustNameOne() {
    onlyProblem(SEED.replace("{ path: /qbt, stripPrefix: true, port: 8080 }", "{ path: /qbt }"),
        "routes.upstream", 24, 9, "a route of container \"qbittorrent\" must say which port: \"gluetun\" publishes "
            + "8080, 8081 (it lives in \"gluetun\"'s namespace)");
  }

  @Test
  void aUdpPortIsNoUpstream() {
    onlyProblem(SEED.replace("port: 8080 }", "port: 8082 }"), "routes.upstream", 24, 48,
        "route port 8082 of container \"qbittorrent\" is not a loopback TCP port \"gluetun\" publishes");
  }

  @Test
  void aContainerWithNoLoopbackPortHasNoRoute() {
    onlyProblem(SEED.replace("ports: [\"127.0.0.1:8989:8989\"]", "ports: []"), "routes.upstream", 30, 9,
        "a route of container \"sonarr\" needs a TCP port published on loopback by \"sonarr\"");
  }

  @Test
  void aUnitRouteNeedsALoopbackUpstream() {
    onlyProblem(SEED.replace("upstream: \"127.0.0.1:8096\"", "upstream: \"192.168.1.5:8096\""), "routes.upstream",
        14, 43, "needs upstream: HOST:PORT on loopback", "\"192.168.1.5:8096\" is not");
    onlyProblem(SEED.replace(", upstream: \"127.0.0.1:8096\"", ""), "routes.upstream", 14, 14,
        "a route of unit \"jellyfin.service\" needs upstream: HOST:PORT on loopback");
  }

  @Test
  void aPathRouteNamesItsSiteWhenThereAreSeveral() {
    String twoSites = SEED.replace("      tls: tailscale\n", "      tls: tailscale\n    lan: { listen: [\":8444\"] }\n");
    var problems = problems(twoSites);

    assertThat(problems).extracting(p -> p.rule()).containsOnly("routes.site");
    assertThat(problems).hasSize(3);
    valid(twoSites.replace("- path: /sonarr", "- { path: /sonarr, site: lan }")
        .replace("{ path: /qbt,", "{ path: /qbt, site: main,")
        .replace("{ path: /jellyfin,", "{ path: /jellyfin, site: main,"));
  }

  @Test
  void thePathIsTheSameOnOneSiteOnlyOnce() {
    onlyProblem(SEED.replace("- path: /sonarr", "- path: /qbt"), "routes.path-clash", 30, 15,
        "route path \"/qbt\" of container \"sonarr\" on site \"main\" is also the path of container \"qbittorrent\"");
  }

  @Test
  void aPathMayNotHoldAnotherInsideIt() {
    onlyProblem(SEED.replace("- path: /sonarr", "- path: /jellyfin/tv"), "routes.path-clash", 14, 22,
        "route path \"/jellyfin\" of unit \"jellyfin.service\" on site \"main\" has \"/jellyfin/tv\" of container "
            + "\"sonarr\" inside it");
  }

  @Test
  void aListenRouteTakesNoSiteOrPrefixStripping() {
    onlyProblem(SEED.replace("- listen: \"127.0.0.1:5543\"", "- { listen: \"127.0.0.1:5543\", stripPrefix: true }"),
        "routes.mode", 36, 9, "serves the whole app at /: site and stripPrefix belong to path routes");
  }

  @Test
  void aListenerIsTakenOnce() {
    onlyProblem(SEED.replace("- listen: \"127.0.0.1:5543\"", "- listen: \":8443\""), "routes.listen-clash", 36, 17,
        "listener \":8443\" of the route of container \"jellyseerr\" clashes with \"127.0.0.1:8443\" of site \"main\"");
  }

  @Test
  void routePathsAreNormalised() {
    for (String path : List.of("sonarr", "/", "/a//b", "/a/../b", "/a*", "/a/./b")) {
      onlyProblem(SEED.replace("- path: /sonarr", "- path: \"" + path + "\""), "routes.path", 30, 15,
          "route path \"" + path + "\" must start with /");
    }
  }

  private static RouteOwner container(String name) {
    return new RouteOwner(RouteOwner.Kind.CONTAINER, name, 0);
  }

  private static RouteSpec route(RouteOwner owner, String path, boolean strip, Optional<Integer> port,
      Optional<String> upstream) {
    return new RouteSpec(owner, Optional.of(path), Optional.empty(), Optional.empty(), strip, port, upstream);
  }
}
