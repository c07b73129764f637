package dev.podkeeper.model.hash;

import static dev.podkeeper.model.parse.Parsing.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DesiredState;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecHasherTest {
  private static final String BASE = """
      version: 1
      stack: s
      networks:
        net: {}
      containers:
        app:
          image: localhost/app:1
          network: net
          aliases: [a, b]
          ports: [127.0.0.1:8080:80, 127.0.0.1:8443:443/tcp]
          capAdd: [NET_ADMIN, SYS_MODULE]
          env: { A: "1", B: "2" }
          labels: { x: "1", y: "2" }
      """;

  @Test
  void keyOrderFormattingAndImplicitDefaultsDoNotChangeTheHash() {
    String reordered = """
        version: 1
        stack: s
        networks: { net: { } }
        containers:
          app:
            labels:
              y: "2"
              x: "1"
            env:
              B: "2"
              A: "1"
            capAdd: [CAP_SYS_MODULE, net_admin]
            ports:
              - 127.0.0.1:8443:443
              - "127.0.0.1:8080:80/tcp"
            aliases: [b, a]
            network: net
            image: localhost/app:1
            # the defaults, written out
            pull: missing
            restart: unless-stopped
            privileged: false
        """;
    assertThat(hashOf(reordered)).isEqualTo(hashOf(BASE));
  }

  @Test
  void orderingOnlyKeysDoNotChangeTheHash() {
    String other = "  other:\n    image: localhost/app:1\n    network: net\n";
    String withOrderingKeys = BASE.replace("    aliases:",
        "    dependsOn: [other]\n    pull: never\n    lanAccess: true\n"
            + "    update: { policy: registry, mode: report, interval: 1h, rollback: false, healthTimeout: 30s }\n"
            + "    aliases:") + other;
    assertThat(withOrderingKeys).contains("dependsOn");
    assertThat(hashOf(withOrderingKeys)).isEqualTo(hashOf(BASE + other));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "image            | image: localhost/app:1                | image: localhost/app:2",
      "aliases          | aliases: [a, b]                       | aliases: [a, c]",
      "port             | 127.0.0.1:8080:80,                    | 127.0.0.1:8081:80,",
      "port protocol    | 127.0.0.1:8443:443/tcp                | 127.0.0.1:8443:443/udp",
      "capability       | capAdd: [NET_ADMIN, SYS_MODULE]       | capAdd: [NET_ADMIN]",
      "env value        | A: \"1\"                              | A: \"9\"",
      "label            | x: \"1\"                              | x: \"3\"",
      "network          | network: net                          | network: other",
  })
  void everythingThatShapesTheContainerChangesTheHash(String what, String from, String to) {
    String base = BASE;
    String changed = base.replace(from.strip(), to.strip());
    assertThat(changed).as("the edit of %s applies", what).isNotEqualTo(base);
    assertThat(hashOf(withOtherNetwork(changed))).isNotEqualTo(hashOf(withOtherNetwork(base)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "volumes      | volumes: [/srv/app:/data]",
      "devices      | devices: [/dev/net/tun]",
      "privileged   | privileged: true",
      "memory       | memory: 2g",
      "cpus         | cpus: 1.5",
      "command      | command: [sleep, '1']",
      "entrypoint   | entrypoint: [/bin/sh]",
      "user         | user: '1000:1000'",
      "workdir      | workdir: /srv",
      "hostname     | hostname: app",
      "restart      | restart: always",
      "stopTimeout  | stopTimeout: 30s",
      "capDrop      | capDrop: [MKNOD]",
      "health       | 'health: { test: [CMD, true] }'",
  })
  void addingAnyShapingKeyChangesTheHash(String what, String line) {
    String changed = BASE.replace("    aliases:", "    " + line + "\n    aliases:");
    assertThat(changed).contains(line);
    assertThat(hashOf(changed)).as(what).isNotEqualTo(hashOf(BASE));
  }

  @Test
  void healthTimingChangesTheHash() {
    String a = BASE.replace("    aliases:", "    health: { test: [CMD, 'true'], interval: 10s }\n    aliases:");
    String b = BASE.replace("    aliases:", "    health: { test: [CMD, 'true'], interval: 20s }\n    aliases:");
    assertThat(hashOf(a)).isNotEqualTo(hashOf(b));
  }

  @Test
  void theMergedEnvAndTheProvidersIdEnterTheHash() {
    ContainerSpec member = valid("""
        version: 1
        stack: s
        networks: { net: {} }
        containers:
          vpn: { image: localhost/app:1, network: net }
          member: { image: localhost/app:1, network: "container:vpn" }
        """).containers().get("member");
    String first = SpecHasher.containerHash(member, Map.of(), Optional.of("a".repeat(64)));
    assertThat(SpecHasher.containerHash(member, Map.of(), Optional.of("b".repeat(64)))).isNotEqualTo(first);
    assertThat(SpecHasher.containerHash(member, Map.of("SECRET", "x"), Optional.of("a".repeat(64))))
        .isNotEqualTo(first);
    assertThatThrownBy(() -> SpecHasher.containerHash(member, Map.of(), Optional.empty()))
        .hasMessageContaining("provider");
  }

  @Test
  void theHashIsLowercaseHexSha256AndRevealsNoValue() {
    String hash = hashOf(BASE);
    assertThat(hash).matches("[0-9a-f]{64}");
    assertThat(SpecHasher.containerFieldHashes(spec(BASE), Map.of("PASSWORD", "hunter2"), Optional.empty()).values())
        .allSatisfy(digest -> assertThat(digest).doesNotContain("hunter2").matches("[0-9a-f]{12}"));
  }

  @Test
  void fieldDigestsNameWhatChanged() {
    Map<String, String> before = SpecHasher.containerFieldHashes(spec(BASE), Map.of(), Optional.empty());
    Map<String, String> after = SpecHasher.containerFieldHashes(
        spec(BASE.replace("127.0.0.1:8080:80", "127.0.0.1:8081:80")), Map.of(), Optional.empty());
    assertThat(before.keySet()).isEqualTo(after.keySet());
    assertThat(before.keySet().stream().filter(k -> !before.get(k).equals(after.get(k))).toList())
        .containsExactly("ports");
  }

  @Test
  void networkHashCoversSubnetGatewayAndDns() {
    String plain = "version: 1\nstack: s\nnetworks:\n  n: { subnet: 10.9.0.0/24 }\n";
    String implicitDns = SpecHasher.networkHash(valid(plain).networks().get("n"));
    assertThat(SpecHasher.networkHash(valid(plain.replace("}", ", dns: true }")).networks().get("n")))
        .isEqualTo(implicitDns);
    assertThat(SpecHasher.networkHash(valid(plain.replace("}", ", dns: false }")).networks().get("n")))
        .isNotEqualTo(implicitDns);
    assertThat(SpecHasher.networkHash(valid(plain.replace("10.9.0.0", "10.9.1.0")).networks().get("n")))
        .isNotEqualTo(implicitDns);
  }

  private static String withOtherNetwork(String yaml) {
    return yaml.replace("  net: {}", "  net: {}\n  other: {}");
  }

  private static ContainerSpec spec(String yaml) {
    return valid(yaml).containers().get("app");
  }

  @Test
  void hashesOfExistingFilesStayWhatTheyWere() {
    // Pinned: a new podkeeper that hashed an unchanged file differently would recreate every container.
    assertThat(hashOf(BASE)).isEqualTo("3a54a4ec5ebd96106968885afbb8a83115952c2edd86d081879ce979d870c4c8");
  }

  @Test
  void leavingNetworkOutIsItsOwnHash() {
    String withoutNetwork = BASE.replace("    network: net\n", "").replace("    aliases: [a, b]\n", "");
    String onNet = BASE.replace("    aliases: [a, b]\n", "");

    assertThat(hashOf(withoutNetwork)).isNotEqualTo(hashOf(onNet)).isEqualTo(hashOf(withoutNetwork));
  }

  private static String hashOf(String yaml) {
    DesiredState state = valid(yaml);
    ContainerSpec app = state.containers().get("app");
    return SpecHasher.containerHash(app, app.env(), Optional.empty());
  }
}
