package dev.podkeeper.model.parse;

import static dev.podkeeper.model.parse.Parsing.onlyProblem;
import static dev.podkeeper.model.parse.Parsing.valid;
import static dev.podkeeper.model.parse.Parsing.withHeader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.NetworkAttachment;
import org.junit.jupiter.api.Test;

/**
 * Habits from compose and Docker each get one error that says what podkeeper writes instead, and keys name
 * themselves in their messages (spec sections 4 and 9).
 */
class ComposeHabitsTest {
  private static final String CONTAINERS = withHeader("networks: { n: {} }", "units: { zigbee2mqtt.service: {} }",
      "containers:", "  vpn: { image: i, network: n }", "  a:", "    image: i");

  @Test
  void hostNetworkingIsNotOfferedAndSaysWhatToDoInstead() {
    onlyProblem(CONTAINERS + "    network: host\n", "refs.unknown", 9, 14,
        "network: host is not offered", "ports stay on loopback", "127.0.0.1:8080:8080", "container:<name>");
  }

  @Test
  void composesServiceNetworkSuggestsContainer() {
    onlyProblem(CONTAINERS + "    network: service:vpn\n", "refs.unknown", 9, 14,
        "service:<name> is compose's spelling: write container:vpn");
  }

  @Test
  void dependsOnWithConditionsSaysHealthIsAwaitedAndShowsTheList() {
    onlyProblem(CONTAINERS + "    dependsOn:\n      vpn: { condition: service_healthy }\n", "value.type", 10, 7,
        "dependsOn is a list of container names, not a mapping", "healthy when it has a health check, by itself",
        "write dependsOn: [vpn]");
  }

  @Test
  void aUnitNamedWithoutItsSuffixSuggestsTheDeclaredOne() {
    onlyProblem(CONTAINERS + "    requiresUnits: [zigbee2mqtt]\n", "refs.unknown", 9, 21,
        "requiresUnits names \"zigbee2mqtt\", which is not a unit of this file (did you mean \"zigbee2mqtt.service\"?)");
    onlyProblem(CONTAINERS + "    requiresUnits: [mosquitto]\n", "refs.unknown", 9, 21,
        "declare it under units:, named with its suffix, e.g. mosquitto.service");
  }

  @Test
  void localhostAsAHostIpSuggestsTheLoopbackAddress() {
    onlyProblem(CONTAINERS + "    ports: [\"localhost:8080:80/udp\"]\n", "ports.syntax", 9, 13,
        "host IP \"localhost\", which is not an IP address; write 127.0.0.1:8080:80/udp");
  }

  @Test
  void aValueWhereAMappingBelongsShowsTheMappingToWrite() {
    onlyProblem(withHeader("units:", "  jellyfin.service: active"), "value.type", 4, 21,
        "unit \"jellyfin.service\" must be a mapping of keys, not \"active\"; write jellyfin.service: { state: active }");
    onlyProblem(withHeader("directories:", "  - /srv/media"), "value.type", 4, 5,
        "directory entry 1 must be a mapping of keys, not \"/srv/media\"; write - path: /srv/media");
    onlyProblem(CONTAINERS + "    health: \"wget -q -O- http://127.0.0.1\"\n", "value.type", 9, 13,
        "write health: { test: \"wget -q -O- http://127.0.0.1\" }");
  }

  @Test
  void portsOnANamespaceMemberAreOneErrorNotAlsoAClashWithTheProvidersPort() {
    onlyProblem(withHeader("networks: { n: {} }", "containers:",
        "  vpn: { image: i, network: n, ports: [\"127.0.0.1:8080:8080\"] }",
        "  a: { image: i, network: \"container:vpn\", ports: [\"127.0.0.1:8080:8080\"] }"),
        "network.member", 6, 44, "joins container:vpn and cannot declare ports; publish them on \"vpn\"");
  }

  @Test
  void aFileWrittenWithComposeHabitsGetsOneErrorPerHabitAndNoMore() {
    assertThatThrownBy(() -> DesiredStateParser.parse(HostileCorpus.path("compose-host-network.yaml")))
        .isInstanceOfSatisfying(InvalidDesiredStateException.class, e -> assertThat(e.problems())
            .extracting(Problem::rule).containsExactly("refs.unknown", "value.type", "refs.unknown", "ports.syntax",
                "refs.unknown", "value.type", "value.type"));
  }

  @Test
  void aDurationNamesItsKey() {
    onlyProblem(CONTAINERS + "    health: { test: \"true\", interval: 10 }\n", "duration", 9, 39,
        "health.interval \"10\" must be a whole number with one unit (ms, s, m, h); write 10s");
    onlyProblem(CONTAINERS + "    health: { test: \"true\", startPeriod: 1m30s }\n", "duration", 9, 42,
        "health.startPeriod \"1m30s\"");
    onlyProblem(CONTAINERS + "    health: { test: \"true\", retries: x }\n", "value.type", 9, 38,
        "health.retries \"x\" must be a whole number");
  }

  @Test
  void aContainerWithoutNetworkJoinsPodmansDefaultNetwork() {
    ContainerSpec a = valid(CONTAINERS).containers().get("a");

    assertThat(a.network()).isEqualTo(new NetworkAttachment.PodmanDefault());
    assertThat(a.namespaceProvider()).isEmpty();
  }

  @Test
  void aliasesNeedANetworkThatResolvesNames() {
    onlyProblem(CONTAINERS + "    aliases: [web]\n", "refs.unknown", 9, 5,
        "has aliases but no network: Podman's default network resolves no names");
  }
}
