package dev.podkeeper.model.validate;

import static dev.podkeeper.model.parse.Parsing.assertProblem;
import static dev.podkeeper.model.parse.Parsing.onlyProblem;
import static dev.podkeeper.model.parse.Parsing.problems;
import static dev.podkeeper.model.parse.Parsing.valid;
import static dev.podkeeper.model.parse.Parsing.withHeader;
import static dev.podkeeper.model.validate.StackFiles.stack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.model.parse.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule 2 (container: namespaces), rule 3 for {@code network}, and subnets and gateways. */
class NetworkRulesTest {

  @Test
  void aBridgeNetworkMustBeDeclared() {
    onlyProblem(stack().container("a", "media").yaml(), "refs.unknown", 7, 14,
        "network names \"media\", which is not a network of this file");
    onlyProblem(stack().container("a", "m").yaml(), "refs.unknown", 7, 14,
        "network names \"m\", which is not a network of this file (did you mean \"n\"?)");
    onlyProblem(withHeader("containers: { a: { image: i, network: n } }"), "refs.unknown", 3, 39,
        "network names \"n\", which is not a network of this file; declare it under networks:");
  }

  @Test
  void aNetworkNamedLikeAContainerSuggestsJoiningIt() {
    onlyProblem(stack().container("vpn", "n").container("b", "vpn").yaml(), "refs.unknown", 10, 14,
        "network names \"vpn\", which is not a network of this file (to join container \"vpn\", write container:vpn)");
  }

  @Test
  void aNamespaceMemberJoinsAContainerOnANetwork() {
    valid(stack().container("vpn", "n", "ports: [\"127.0.0.1:8080:8080\"]").container("torrent", "container:vpn").yaml());
  }

  @Test
  void theProviderMustBeAContainerOfTheFile() {
    onlyProblem(stack().container("gluetun", "n").container("qbittorrent", "container:gluton").yaml(), "network.provider",
        10, 14, "container \"qbittorrent\" joins \"gluton\", which is not a container of this file "
            + "(did you mean \"gluetun\"?)");
  }

  @Test
  void theProviderMustNotItselfBeAMember() {
    onlyProblem(stack().container("gluetun", "n").container("qbittorrent", "container:gluetun")
            .container("sabnzbd", "container:qbittorrent").yaml(), "network.provider", 13, 14,
        "container \"sabnzbd\" joins \"qbittorrent\", which itself joins \"gluetun\"; join \"gluetun\" directly");
  }

  @Test
  void aContainerCannotJoinItself() {
    onlyProblem(stack().container("a", "container:a").yaml(), "network.provider", 7, 14,
        "container \"a\" cannot join its own network namespace");
  }

  @Test
  void membersHaveNoPortsAliasesOrHostnameOfTheirOwn() {
    List<Problem> problems = problems(stack().container("vpn", "n")
        .container("torrent", "container:vpn", "ports: [\"127.0.0.1:8080:8080\"]", "aliases: [t]", "hostname: t").yaml());
    assertThat(problems).hasSize(3);
    assertProblem(problems.get(0), "network.member", 11, 5,
        "container \"torrent\" joins container:vpn and cannot declare ports; publish them on \"vpn\"");
    assertProblem(problems.get(1), "network.member", 12, 5,
        "container \"torrent\" joins container:vpn and cannot declare aliases; give them to \"vpn\"");
    assertProblem(problems.get(2), "network.member", 13, 5,
        "container \"torrent\" joins container:vpn and cannot declare a hostname; it has \"vpn\"'s");
  }

  @Test
  void subnetsAndGateways() {
    valid(withHeader("networks:", "  a: { subnet: 10.89.0.0/24, gateway: 10.89.0.1 }",
        "  b: { subnet: \"fd00:89::/64\", gateway: \"fd00:89::1\" }", "  c: { subnet: 10.90.0.0/16 }", "  d: {}"));
    List<Problem> problems = problems(withHeader("networks:",
        "  a: { subnet: 10.89.0.1/24 }",
        "  b: { subnet: 10.89.0.0 }",
        "  c: { subnet: 10.91.0.0/24, gateway: 10.91.0.0 }",
        "  d: { subnet: 10.92.0.0/24, gateway: 10.92.0.255 }",
        "  e: { gateway: 10.93.0.1 }",
        "  f: { subnet: 10.94.0.0/24, gateway: router }",
        "  g: { subnet: 10.94.0.0/25 }",
        "  h: { subnet: \"fd00::/64\", gateway: 10.95.0.1 }"));
    assertThat(problems).extracting(Problem::toString).containsExactly(
        "stack.yaml:4:16: subnet \"10.89.0.1/24\" has host bits set; write 10.89.0.0/24 [networks.subnet]",
        "stack.yaml:5:16: subnet \"10.89.0.0\" is not a CIDR such as 10.89.0.0/24 [networks.subnet]",
        "stack.yaml:6:39: gateway 10.91.0.0 is the network or broadcast address of subnet 10.91.0.0/24 [networks.subnet]",
        "stack.yaml:7:39: gateway 10.92.0.255 is the network or broadcast address of subnet 10.92.0.0/24 [networks.subnet]",
        "stack.yaml:8:17: gateway 10.93.0.1 needs a subnet: write the subnet it lies in, e.g. subnet: 10.89.0.0/24 "
            + "[networks.subnet]",
        "stack.yaml:9:39: gateway \"router\" is not an IP address [networks.subnet]",
        "stack.yaml:10:16: subnet 10.94.0.0/25 of network \"g\" overlaps subnet 10.94.0.0/24 of network \"f\" "
            + "(stack.yaml:9:16) [networks.subnet]",
        "stack.yaml:11:38: gateway 10.95.0.1 is outside subnet fd00::/64 [networks.subnet]");
  }
}
