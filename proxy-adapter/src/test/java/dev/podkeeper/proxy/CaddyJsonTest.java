package dev.podkeeper.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podkeeper.model.proxy.ProxyRoute;
import dev.podkeeper.model.proxy.ProxyServer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CaddyJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aKeptPrefixMatchesThePathAndWhatIsBelowItButNotWhatMerelyStartsLikeIt() {
    ObjectNode route = CaddyJson.route(ProxyRoute.onPath("pk.r", Optional.empty(), "/sonarr", false, "127.0.0.1:8989"));

    assertThat(route.toString()).isEqualTo("{\"@id\":\"pk.r\",\"match\":[{\"path\":[\"/sonarr\",\"/sonarr/*\"]}],"
        + "\"handle\":[{\"handler\":\"reverse_proxy\",\"upstreams\":[{\"dial\":\"127.0.0.1:8989\"}]}],\"terminal\":true}");
  }

  @Test
  void aStrippedPrefixIsASubrouteThatRewritesThenProxiesWithTheForwardedPrefix() {
    ObjectNode route = CaddyJson.route(ProxyRoute.onPath("pk.r", Optional.empty(), "/qbt", true, "127.0.0.1:8080"));

    assertThat(route.at("/handle/0/handler").asText()).isEqualTo("subroute");
    assertThat(route.at("/handle/0/routes/0/handle/0/strip_path_prefix").asText()).isEqualTo("/qbt");
    assertThat(route.at("/handle/0/routes/0/handle/1/headers/request/set/X-Forwarded-Prefix/0").asText())
        .isEqualTo("/qbt");
  }

  @Test
  void everyShapeReadsBackAsTheRouteItWasWrittenFrom() {
    List<ProxyRoute> routes = List.of(
        ProxyRoute.onPath("pk.a", Optional.of("media.example.test"), "/sonarr", false, "127.0.0.1:8989"),
        ProxyRoute.onPath("pk.b", Optional.empty(), "/qbt", true, "127.0.0.1:8080"),
        ProxyRoute.wholeServer("pk.c", "127.0.0.1:5055"));
    ProxyServer server = new ProxyServer("pk.site", List.of("127.0.0.1:8443"), routes);

    assertThat(CaddyJson.readServer("pk.site", CaddyJson.server(server), com.fasterxml.jackson.databind.node.MissingNode.getInstance())).isEqualTo(server);
  }

  @Test
  void aRouteEditedByHandReadsAsAnUpstreamNothingDesiredHas() throws Exception {
    var edited = JSON.readTree("{\"@id\":\"pk.a\",\"handle\":[{\"handler\":\"static_response\"}],\"terminal\":true}");

    assertThat(CaddyJson.readRoute(edited)).contains(ProxyRoute.wholeServer("pk.a", CaddyJson.UNRECOGNISED));
  }

  @Test
  void aRouteWithoutAnIdIsNotPodkeepersAndIsLeftOut() throws Exception {
    assertThat(CaddyJson.readRoute(JSON.readTree("{\"handle\":[]}"))).isEmpty();
  }
}
