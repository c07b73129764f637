package dev.podkeeper.model.validate;

import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.NetworkSpec;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Each network's subnet is a CIDR that overlaps no other; its gateway is a host address inside it. */
final class SubnetCheck implements Check {

  @Override
  public void check(DesiredState state, List<Violation> found) {
    Map<String, Cidr> subnets = new LinkedHashMap<>();
    for (NetworkSpec network : state.networks().values()) {
      NodePath path = NodePath.of("networks", network.name());
      Optional<Cidr> subnet = subnet(network, path, found);
      subnet.ifPresent(s -> overlap(network, s, subnets, state, found));
      subnet.ifPresent(s -> subnets.put(network.name(), s));
      network.gateway().ifPresent(g -> gateway(g, network, subnet, path.key("gateway"), found));
    }
  }

  private static Optional<Cidr> subnet(NetworkSpec network, NodePath path, List<Violation> found) {
    if (network.subnet().isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Cidr.parse(network.subnet().get()));
    } catch (FormatException e) {
      found.add(Violation.at(e.rule(), path.key("subnet"), e.getMessage()));
      return Optional.empty();
    }
  }

  /** Podman refuses a network whose subnet overlaps another's; reported on the later one. */
  private static void overlap(NetworkSpec network, Cidr subnet, Map<String, Cidr> earlier, DesiredState state,
      List<Violation> found) {
    earlier.forEach((other, otherSubnet) -> {
      if (subnet.overlaps(otherSubnet)) {
        found.add(Violation.at(Rule.NETWORKS_SUBNET, NodePath.of("networks", network.name(), "subnet"),
            "subnet " + network.subnet().orElseThrow() + " of network " + Quote.of(network.name()) + " overlaps subnet "
                + state.networks().get(other).subnet().orElseThrow() + " of network " + Quote.of(other))
            .relatedTo(NodePath.of("networks", other, "subnet")));
      }
    });
  }

  private static void gateway(String text, NetworkSpec network, Optional<Cidr> subnet, NodePath path,
      List<Violation> found) {
    Optional<InetAddress> gateway = IpAddresses.parse(text);
    String problem;
    if (gateway.isEmpty()) {
      problem = "gateway " + Quote.of(text) + " is not an IP address";
    } else if (network.subnet().isEmpty()) {
      problem = "gateway " + text + " needs a subnet: write the subnet it lies in, e.g. subnet: 10.89.0.0/24";
    } else if (subnet.isEmpty()) {
      return; // the subnet's own error says enough
    } else if (!subnet.get().contains(gateway.get())) {
      problem = "gateway " + text + " is outside subnet " + network.subnet().get();
    } else if (subnet.get().isNetworkOrBroadcast(gateway.get())) {
      problem = "gateway " + text + " is the network or broadcast address of subnet " + network.subnet().get();
    } else {
      return;
    }
    found.add(Violation.at(Rule.NETWORKS_SUBNET, path, problem));
  }
}
