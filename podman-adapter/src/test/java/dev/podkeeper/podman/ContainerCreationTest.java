package dev.podkeeper.podman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DeviceMapping;
import dev.podkeeper.model.desired.HealthCheck;
import dev.podkeeper.model.desired.NetworkAttachment;
import dev.podkeeper.model.desired.PortMapping;
import dev.podkeeper.model.desired.RestartPolicy;
import dev.podkeeper.model.desired.VolumeMount;
import dev.podkeeper.model.port.EngineException;
import dev.podkeeper.model.port.ResolvedContainer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The request podkeeper sends, without an engine; src-test checks what Podman makes of it. */
class ContainerCreationTest {

  @Test
  void everyFieldOfTheSpecReachesTheRequest() {
    ContainerSpec spec = ContainerSpec.builder("web", "localhost/img:1", new NetworkAttachment.Bridge("media"))
        .aliases(List.of("www"))
        .ports(List.of(new PortMapping("127.0.0.1", 18080, 80, PortMapping.Protocol.TCP),
            new PortMapping("::1", 18080, 80, PortMapping.Protocol.TCP),
            new PortMapping("127.0.0.1", 15353, 53, PortMapping.Protocol.UDP)))
        .volumes(List.of(new VolumeMount("/srv/conf", "/config", true), new VolumeMount("webdata", "/data", false)))
        .capAdd(List.of("NET_ADMIN", "cap_sys_module"))
        .capDrop(List.of("CHOWN"))
        .devices(List.of(new DeviceMapping("/dev/net/tun", "/dev/net/tun", "rwm")))
        .memoryBytes(Optional.of(2L << 30))
        .cpus(Optional.of(1.5))
        .command(Optional.of(List.of("serve", "--port", "80")))
        .entrypoint(Optional.of(List.of("/bin/entry")))
        .user(Optional.of("1000:1000"))
        .workdir(Optional.of("/app"))
        .hostname(Optional.of("webhost"))
        .labels(Map.of("owner", "me"))
        .restart(RestartPolicy.ON_FAILURE)
        .stopTimeout(Optional.of(Duration.ofMillis(10_500)))
        .health(Optional.of(new HealthCheck(List.of("CMD-SHELL", "true"), Duration.ofSeconds(10),
            Duration.ofSeconds(5), 3, Duration.ofSeconds(30))))
        .build();
    ResolvedContainer resolved = new ResolvedContainer(spec, Map.of("B", "2", "A", "1"), Optional.empty(), "s", "h");

    JsonNode body = ContainerCreation.body(resolved);
    JsonNode host = body.get("HostConfig");

    assertThat(body.get("Image").asText()).isEqualTo("localhost/img:1");
    assertThat(strings(body.get("Env"))).containsExactly("A=1", "B=2");
    assertThat(body.get("Labels")).isEqualTo(json("{\"owner\": \"me\", \"dev.podkeeper.stack\": \"s\", "
        + "\"dev.podkeeper.spec-hash\": \"h\"}"));
    assertThat(host.get("NetworkMode").asText()).isEqualTo("media");
    assertThat(body.get("NetworkingConfig")).isEqualTo(json("{\"EndpointsConfig\": {\"media\": {\"Aliases\": [\"www\"]}}}"));
    assertThat(body.get("ExposedPorts")).isEqualTo(json("{\"80/tcp\": {}, \"53/udp\": {}}"));
    assertThat(host.get("PortBindings")).isEqualTo(json("{"
        + "\"80/tcp\": [{\"HostIp\": \"127.0.0.1\", \"HostPort\": \"18080\"}, {\"HostIp\": \"::1\", \"HostPort\": \"18080\"}],"
        + "\"53/udp\": [{\"HostIp\": \"127.0.0.1\", \"HostPort\": \"15353\"}]}"));
    assertThat(strings(host.get("Binds"))).containsExactly("/srv/conf:/config:ro", "webdata:/data:rw");
    assertThat(strings(host.get("CapAdd"))).containsExactly("NET_ADMIN", "SYS_MODULE");
    assertThat(strings(host.get("CapDrop"))).containsExactly("CHOWN");
    assertThat(host.get("Devices")).isEqualTo(json(
        "[{\"PathOnHost\": \"/dev/net/tun\", \"PathInContainer\": \"/dev/net/tun\", \"CgroupPermissions\": \"rwm\"}]"));
    assertThat(host.get("Privileged").asBoolean()).isFalse();
    assertThat(host.get("Memory").asLong()).isEqualTo(2L << 30);
    assertThat(host.get("NanoCpus").asLong()).isEqualTo(1_500_000_000L);
    assertThat(host.get("RestartPolicy")).isEqualTo(json("{\"Name\": \"on-failure\", \"MaximumRetryCount\": 0}"));
    assertThat(strings(body.get("Cmd"))).containsExactly("serve", "--port", "80");
    assertThat(strings(body.get("Entrypoint"))).containsExactly("/bin/entry");
    assertThat(body.get("User").asText()).isEqualTo("1000:1000");
    assertThat(body.get("WorkingDir").asText()).isEqualTo("/app");
    assertThat(body.get("Hostname").asText()).isEqualTo("webhost");
    assertThat(body.get("StopTimeout").asInt()).isEqualTo(11);
    assertThat(body.get("Healthcheck")).isEqualTo(json("{\"Test\": [\"CMD-SHELL\", \"true\"], "
        + "\"Interval\": 10000000000, \"Timeout\": 5000000000, \"Retries\": 3, \"StartPeriod\": 30000000000}"));
  }

  @Test
  void eachRestartPolicyHasTheCompatibleApisName() {
    Map<RestartPolicy, String> names = Map.of(RestartPolicy.NO, "", RestartPolicy.ON_FAILURE, "on-failure",
        RestartPolicy.ALWAYS, "always", RestartPolicy.UNLESS_STOPPED, "unless-stopped");
    names.forEach((policy, name) -> {
      ContainerSpec spec = ContainerSpec.builder("c", "img", new NetworkAttachment.Bridge("n")).restart(policy).build();

      JsonNode restart = ContainerCreation.body(new ResolvedContainer(spec, Map.of(), Optional.empty(), "s", "h"))
          .get("HostConfig").get("RestartPolicy");

      assertThat(restart.get("Name").asText()).as(policy.name()).isEqualTo(name);
    });
  }

  @Test
  void whatTheSpecLeavesUnsetIsNotSent() {
    ContainerSpec spec = ContainerSpec.builder("c", "img", new NetworkAttachment.Bridge("n")).build();

    JsonNode body = ContainerCreation.body(new ResolvedContainer(spec, Map.of(), Optional.empty(), "s", "h"));

    assertThat(fieldNames(body)).containsExactlyInAnyOrder("Image", "Labels", "Env", "HostConfig");
    assertThat(fieldNames(body.get("HostConfig")))
        .containsExactlyInAnyOrder("Privileged", "RestartPolicy", "NetworkMode", "Binds");
  }

  @Test
  void aNamespaceMemberJoinsItsProviderByIdAndRecordsIt() {
    ContainerSpec spec = ContainerSpec.builder("qb", "localhost/img:1", new NetworkAttachment.ContainerNamespace("vpn"))
        .build();
    ResolvedContainer resolved = new ResolvedContainer(spec, Map.of(), Optional.of("abc123"), "s", "h");

    JsonNode body = ContainerCreation.body(resolved);

    assertThat(body.get("HostConfig").get("NetworkMode").asText()).isEqualTo("container:abc123");
    assertThat(body.get("Labels").get(PodmanLabels.PROVIDER_ID).asText()).isEqualTo("abc123");
    assertThat(body.has("NetworkingConfig")).isFalse();
  }

  @Test
  void withoutANetworkItJoinsPodmansDefaultOneAsPodmanRunWould() {
    ContainerSpec spec = ContainerSpec.builder("c", "img", new NetworkAttachment.PodmanDefault()).build();

    JsonNode body = ContainerCreation.body(new ResolvedContainer(spec, Map.of(), Optional.empty(), "s", "h"));

    assertThat(body.get("HostConfig").get("NetworkMode").asText()).isEqualTo("bridge");
    assertThat(body.has("NetworkingConfig")).isFalse();
  }

  @Test
  void anEmptyCommandMeansTheImagesOwn() {
    ContainerSpec spec = ContainerSpec.builder("c", "img", new NetworkAttachment.Bridge("n"))
        .command(Optional.of(List.of())).build();

    assertThat(ContainerCreation.body(new ResolvedContainer(spec, Map.of(), Optional.empty(), "s", "h")).has("Cmd"))
        .isFalse();
  }

  @Test
  void anUnknownCapabilityIsAnEngineErrorNamingIt() {
    ContainerSpec spec = ContainerSpec.builder("c", "img", new NetworkAttachment.Bridge("n"))
        .capAdd(List.of("FLY")).build();

    assertThatThrownBy(() -> ContainerCreation.body(new ResolvedContainer(spec, Map.of(), Optional.empty(), "s", "h")))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("create container c: unknown capability FLY");
  }

  private static List<String> strings(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
