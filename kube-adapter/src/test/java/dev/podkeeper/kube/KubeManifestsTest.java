package dev.podkeeper.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.parse.DesiredStateParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KubeManifestsTest {
  private static final String STACK = """
      version: 1
      stack: demo
      defaults: { env: { TZ: Etc/UTC } }
      networks: { demo-net: { subnet: 10.89.77.0/24 } }
      directories: [{ path: /srv/demo/config }]
      envFiles:
        vpn:
          path: /srv/demo/vpn.env
          values: { VPN_USER: demo, VPN_PASSWORD: { fromFile: /run/secrets/vpn } }
      units: { jellyfin.service: { state: active } }
      containers:
        vpn:
          image: localhost/vpn:1
          network: demo-net
          ports: ["127.0.0.1:18080:8080", "[::1]:5353:53/udp"]
          capAdd: [NET_ADMIN]
          devices: [/dev/net/tun]
          envFiles: [vpn]
          health: { test: ["CMD-SHELL", "true"], interval: 5s, timeout: 2s, retries: 4, startPeriod: 10s }
          memory: 256m
          cpus: 0.5
        web:
          image: localhost/web:1
          network: container:vpn
          volumes: [/srv/demo/config:/config:ro, cache:/cache]
          command: [httpd, -f]
          user: "1000:1000"
        app:
          image: localhost/app:1
          network: demo-net
          dependsOn: [vpn]
          requiresUnits: [jellyfin.service]
      """;

  @Test
  void aProviderAndItsMembersAreOnePodAndTheRestAPodEach() throws Exception {
    List<JsonNode> objects = documents(KubeManifests.render(state(), false));
    assertThat(objects).extracting(o -> o.path("kind").asText() + "/" + o.path("metadata").path("name").asText())
        .containsExactly("Secret/vpn", "Pod/vpn", "Pod/app");
    JsonNode vpnPod = objects.get(1).path("spec");
    assertThat(vpnPod.path("containers")).extracting(c -> c.path("name").asText()).containsExactly("vpn", "web");
    JsonNode vpn = vpnPod.path("containers").get(0);
    assertThat(vpn.path("ports").get(0).path("hostIP").asText()).isEqualTo("127.0.0.1");
    assertThat(vpn.path("ports").get(0).path("hostPort").asInt()).isEqualTo(18080);
    assertThat(vpn.path("ports").get(1).path("hostIP").asText()).isEqualTo("::1");
    assertThat(vpn.path("ports").get(1).path("protocol").asText()).isEqualTo("UDP");
    assertThat(vpn.path("livenessProbe").path("exec").path("command").toString())
        .isEqualTo("[\"/bin/sh\",\"-c\",\"true\"]");
    assertThat(vpn.path("livenessProbe").path("failureThreshold").asInt()).isEqualTo(4);
    assertThat(vpn.path("livenessProbe").path("initialDelaySeconds").asInt()).isEqualTo(10);
    assertThat(vpn.path("resources").path("limits").path("memory").asText()).isEqualTo(String.valueOf(256L << 20));
    assertThat(vpn.path("resources").path("limits").path("cpu").asText()).isEqualTo("0.5");
    assertThat(vpn.path("securityContext").path("capabilities").path("add").get(0).asText()).isEqualTo("NET_ADMIN");
    assertThat(vpn.path("envFrom").get(0).path("secretRef").path("name").asText()).isEqualTo("vpn");
    assertThat(vpn.path("env").get(0).path("name").asText()).isEqualTo("TZ");

    JsonNode web = vpnPod.path("containers").get(1);
    assertThat(web.has("ports")).as("the members' ports are the provider's").isFalse();
    assertThat(web.path("args").toString()).isEqualTo("[\"httpd\",\"-f\"]");
    assertThat(web.path("securityContext").path("runAsUser").asLong()).isEqualTo(1000);
    assertThat(web.path("volumeMounts").get(0).path("readOnly").asBoolean()).isTrue();
    JsonNode volumes = vpnPod.path("volumes");
    assertThat(volumes.get(0).path("hostPath").path("path").asText()).isEqualTo("/srv/demo/config");
    assertThat(volumes.get(0).path("hostPath").path("type").asText()).isEqualTo("DirectoryOrCreate");
    assertThat(volumes.get(1).path("persistentVolumeClaim").path("claimName").asText()).isEqualTo("cache");
  }

  @Test
  void secretValuesAreLeftOutUnlessAsked() throws Exception {
    String without = KubeManifests.render(state(), false);
    assertThat(documents(without).get(0).path("stringData").path("VPN_USER").asText()).isEmpty();
    assertThat(documents(without).get(0).path("stringData").has("VPN_PASSWORD")).isTrue();

    JsonNode with = documents(KubeManifests.render(state(), true)).get(0).path("stringData");
    assertThat(with.path("VPN_USER").asText()).isEqualTo("demo");
    assertThat(with.path("VPN_PASSWORD").asText()).as("a fromFile value is the host's, read at apply time").isEmpty();
  }

  @Test
  void whatHasNoEquivalentIsListedAtTheTop() {
    String header = KubeManifests.render(state(), false).split("---\n", 2)[0];
    assertThat(header).contains("app dependsOn vpn").contains("app requiresUnits jellyfin.service")
        .contains("vpn devices").contains("units jellyfin.service").contains("network demo-net (10.89.77.0/24)");
    assertThat(header.lines()).allMatch(line -> line.startsWith("#"));
  }

  private static DesiredState state() {
    try {
      return DesiredStateParser.parse("demo.yaml", STACK);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static List<JsonNode> documents(String yaml) throws Exception {
    ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
    List<JsonNode> documents = new ArrayList<>();
    try (var parser = mapper.getFactory().createParser(yaml)) {
      mapper.readValues(parser, JsonNode.class).forEachRemaining(node -> {
        if (node != null && !node.isEmpty()) {
          documents.add(node);
        }
      });
    }
    return documents;
  }
}
