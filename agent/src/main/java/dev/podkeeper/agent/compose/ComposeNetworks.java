package dev.podkeeper.agent.compose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podkeeper.model.write.DocNode.Mapping;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Compose's top-level {@code networks} as podkeeper's: the first IPAM config's subnet and gateway; and the
 * project network ({@code <stack>-default}) when a service uses it, so that services still find each other by name.
 */
final class ComposeNetworks {
  private ComposeNetworks() {}

  static Mapping map(JsonNode declared, ComposeProject project, Collection<ServiceMapper> services) {
    Set<String> used = new LinkedHashSet<>();
    services.forEach(s -> s.network().ifPresent(used::add));
    Mapping networks = new Mapping();
    declared.fields().forEachRemaining(e -> {
      String name = project.network(e.getKey());
      if (used.remove(name)) {
        networks.put(name, network(e.getValue()));
      } else {
        networks.comment("network " + e.getKey() + ": no service uses it as its network, left out");
      }
    });
    for (String name : used) { // the project network, and networks compose would refuse as undeclared
      networks.put(name, new Mapping()).commentAfter(name.equals(project.defaultNetwork())
          ? "compose's project network: services on it find each other by name" : "used but not declared");
    }
    return networks;
  }

  private static Mapping network(JsonNode compose) {
    Mapping network = new Mapping();
    JsonNode config = compose.path("ipam").path("config");
    if (config.isArray() && !config.isEmpty()) {
      JsonNode first = config.get(0);
      if (first.hasNonNull("subnet")) {
        network.put("subnet", first.get("subnet").asText());
      }
      if (first.hasNonNull("gateway")) {
        network.put("gateway", first.get("gateway").asText());
      }
      for (int i = 1; i < config.size(); i++) {
        network.comment("ipam config " + config.get(i) + ": podkeeper takes one subnet a network, left out");
      }
    }
    compose.fieldNames().forEachRemaining(key -> {
      if (!key.equals("ipam") && !(key.equals("driver") && compose.get(key).asText().equals("bridge"))) {
        network.comment(key + ": " + compose.get(key) + ": no counterpart, left out");
      }
    });
    return network;
  }
}
