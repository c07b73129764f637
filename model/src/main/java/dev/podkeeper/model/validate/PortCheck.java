package dev.podkeeper.model.validate;

import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.PortMapping;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Published ports stay on loopback unless the container asks for LAN access, and no two entries bind
 * the same address, port and protocol. A wildcard (0.0.0.0, ::) binds every address, so it clashes
 * with any other entry on its port and protocol.
 */
final class PortCheck implements Check {
  private record Published(String container, PortMapping port, InetAddress address, NodePath path) {}

  @Override
  public void check(DesiredState state, List<Violation> found) {
    List<Published> earlier = new ArrayList<>();
    for (ContainerSpec c : state.containers().values()) {
      if (c.namespaceProvider().isPresent()) {
        continue; // a member may publish nothing (NetworkCheck says so once); its ports clash with nothing
      }
      for (int i = 0; i < c.ports().size(); i++) {
        PortMapping port = c.ports().get(i);
        NodePath path = Check.container(c.name()).key("ports").index(i);
        Optional<InetAddress> parsed = IpAddresses.parse(port.hostIp());
        if (parsed.isEmpty()) { // only in records built by hand: PortSyntax reads no such port
          found.add(Violation.at(Rule.PORTS_SYNTAX, path, "port " + Quote.of(written(port)) + " has host IP "
              + Quote.of(port.hostIp()) + ", which is not an IP address"));
          continue;
        }
        InetAddress address = parsed.get();
        if (!c.lanAccess() && !IpAddresses.isLoopback(address)) {
          found.add(Violation.at(Rule.PORTS_LAN, path, "port " + Quote.of(written(port)) + " is not on a loopback address; "
              + "use 127.0.0.1, or set lanAccess: true on container " + Quote.of(c.name())));
        }
        Published current = new Published(c.name(), port, address, path);
        earlier.stream().filter(p -> clash(p, current)).findFirst().ifPresent(p -> found.add(
            Violation.at(Rule.PORTS_DUPLICATE, path, binding(current) + " is already published by container \""
                + p.container() + "\"" + (p.port().hostIp().equals(port.hostIp()) ? "" : " on " + binding(p)))
                .relatedTo(p.path())));
        earlier.add(current);
      }
    }
  }

  private static boolean clash(Published a, Published b) {
    return a.port().hostPort() == b.port().hostPort()
        && a.port().protocol() == b.port().protocol()
        && (a.address().equals(b.address()) || IpAddresses.isWildcard(a.address())
            || IpAddresses.isWildcard(b.address()));
  }

  private static String binding(Published p) {
    return ip(p.port()) + ":" + p.port().hostPort() + "/" + p.port().protocol().lower();
  }

  /** The port as the file writes it: the protocol only when it is not the default, tcp. */
  private static String written(PortMapping port) {
    return ip(port) + ":" + port.hostPort() + ":" + port.containerPort()
        + (port.protocol() == PortMapping.Protocol.TCP ? "" : "/" + port.protocol().lower());
  }

  private static String ip(PortMapping port) {
    return port.hostIp().contains(":") ? "[" + port.hostIp() + "]" : port.hostIp();
  }
}
