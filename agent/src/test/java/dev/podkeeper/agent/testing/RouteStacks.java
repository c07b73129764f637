package dev.podkeeper.agent.testing;

import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.parse.DesiredStateParser;
import dev.podkeeper.model.parse.InvalidDesiredStateException;

/** The seed's three route modes and a unit route, as a file, for the planner's and executor's route tests. */
public final class RouteStacks {
  public static final String PREFIX = "podkeeper.media.";
  public static final String YAML = """
      version: 1
      stack: media
      proxy:
        caddy: http://127.0.0.1:2019
        sites:
          main: { host: hwc.example.ts.net, listen: ["127.0.0.1:8443"] }
      networks: { media: {} }
      units:
        jellyfin.service:
          state: active
          routes: [{ path: /jellyfin, upstream: "127.0.0.1:8096" }]
      containers:
        gluetun:
          image: localhost/gluetun:1
          network: media
          ports: ["127.0.0.1:8080:8080", "127.0.0.1:8081:8085"]
        qbittorrent:
          image: localhost/qbittorrent:1
          network: container:gluetun
          routes: [{ path: /qbt, stripPrefix: true, port: 8080 }]
        sonarr:
          image: localhost/sonarr:1
          network: media
          ports: ["127.0.0.1:8989:8989"]
          routes: [{ path: /sonarr }]
        jellyseerr:
          image: localhost/jellyseerr:1
          network: media
          ports: ["127.0.0.1:5055:5055"]
          routes: [{ listen: "127.0.0.1:5543" }]
      """;

  private RouteStacks() {}

  public static DesiredState seed() {
    return parse(YAML);
  }

  public static DesiredState parse(String yaml) {
    try {
      return DesiredStateParser.parse("media.yaml", yaml);
    } catch (InvalidDesiredStateException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
