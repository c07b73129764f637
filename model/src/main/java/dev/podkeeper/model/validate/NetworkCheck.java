package dev.podkeeper.model.validate;

import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.NetworkAttachment;
import java.util.List;
import java.util.Map;

/**
 * Each container's {@code network}: a declared bridge network, or {@code container:<x>} where x is
 * another container of the file on a network of its own. A namespace member has no network identity
 * of its own, so it cannot publish ports or carry aliases or a hostname: those belong to x.
 */
final class NetworkCheck implements Check {

  @Override
  public void check(DesiredState state, List<Violation> found) {
    for (ContainerSpec c : state.containers().values()) {
      NodePath path = Check.container(c.name());
      if (c.network() instanceof NetworkAttachment.Bridge bridge) {
        if (!state.networks().containsKey(bridge.network())) {
          found.add(Violation.at(Rule.REFS_UNKNOWN, path.key("network"), unknown(bridge.network(), state)));
        }
      } else if (c.network() instanceof NetworkAttachment.PodmanDefault && !c.aliases().isEmpty()) {
        found.add(Violation.atKey(Rule.REFS_UNKNOWN, path.key("aliases"), "container " + Quote.of(c.name())
            + " has aliases but no network: Podman's default network resolves no names; declare a network under"
            + " networks: and set network: on the container"));
      } else if (c.network() instanceof NetworkAttachment.ContainerNamespace ns) {
        provider(c, ns.provider(), state.containers(), path, found);
        member(c, ns.provider(), path, found);
      }
    }
  }

  /** Docker and compose spellings get their own answer; other names a "did you mean". */
  private static String unknown(String network, DesiredState state) {
    String names = "network names " + Quote.of(network) + ", which is not a network of this file";
    if (network.equals("host")) {
      return "network: host is not offered: a container on the host's network could bind any port on every"
          + " interface, past podkeeper's rule that ports stay on loopback unless lanAccess is set; publish its"
          + " ports (ports: [\"127.0.0.1:8080:8080\"]), or share another container's network with container:<name>";
    }
    if (network.startsWith("service:")) {
      String provider = network.substring("service:".length());
      return names + "; service:<name> is compose's spelling: write container:" + Quote.bare(provider);
    }
    if (network.equals("bridge") || network.equals("default") || network.equals(NetworkAttachment.PodmanDefault.NAME)) {
      return names + "; leave network out to join Podman's default network (" + NetworkAttachment.PodmanDefault.NAME
          + "), or declare a network under networks:";
    }
    return names + suggestion(network, state);
  }

  private static String suggestion(String network, DesiredState state) {
    if (state.networks().isEmpty()) {
      return "; declare it under networks:";
    }
    String close = Suggestions.didYouMean(network, state.networks().keySet());
    return close.isEmpty() && state.containers().containsKey(network)
        ? " (to join container " + Quote.of(network) + ", write container:" + Quote.bare(network) + ")"
        : close;
  }

  private static void provider(ContainerSpec c, String provider, Map<String, ContainerSpec> containers,
      NodePath path, List<Violation> found) {
    String joins = "container " + Quote.of(c.name()) + " joins " + Quote.of(provider);
    String problem;
    if (provider.equals(c.name())) {
      problem = "container " + Quote.of(c.name()) + " cannot join its own network namespace";
    } else if (!containers.containsKey(provider)) {
      problem = joins + ", which is not a container of this file"
          + Suggestions.didYouMean(provider, containers.keySet());
    } else if (containers.get(provider).namespaceProvider().isPresent()) {
      String root = containers.get(provider).namespaceProvider().get();
      problem = joins + ", which itself joins " + Quote.of(root) + "; join " + Quote.of(root) + " directly";
    } else {
      return;
    }
    found.add(Violation.at(Rule.NETWORK_PROVIDER, path.key("network"), problem));
  }

  private static void member(ContainerSpec c, String provider, NodePath path, List<Violation> found) {
    String joins = "container " + Quote.of(c.name()) + " joins container:" + Quote.bare(provider) + " and cannot declare ";
    if (!c.ports().isEmpty()) {
      found.add(Violation.atKey(Rule.NETWORK_MEMBER, path.key("ports"),
          joins + "ports; publish them on " + Quote.of(provider)));
    }
    if (!c.aliases().isEmpty()) {
      found.add(Violation.atKey(Rule.NETWORK_MEMBER, path.key("aliases"),
          joins + "aliases; give them to " + Quote.of(provider)));
    }
    if (c.hostname().isPresent()) {
      found.add(Violation.atKey(Rule.NETWORK_MEMBER, path.key("hostname"),
          joins + "a hostname; it has " + Quote.of(provider) + "'s"));
    }
  }
}
