package dev.podkeeper.agent.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A container given {@code /dev/net/tun} is a VPN client: its default traffic (and that of every member of its
 * namespace) must leave through the tunnel device. Read from its namespace's main routing table; WireGuard set
 * up with policy routing keeps the default route elsewhere and is only seen as a tunnel that exists.
 */
final class TunnelRouteCheck implements Check {
  static final String NAME = "tunnel";

  @Override
  public List<Finding> judge(DoctorFacts facts) {
    List<Finding> findings = new ArrayList<>();
    for (ContainerFacts c : facts.containers().values()) {
      if (c.running() && hasTun(c)) {
        findings.add(c.routes().map(table -> judge(c.name(), table)).orElseGet(() -> Finding.warn(NAME, c.name(),
            "cannot read /proc/" + c.process().pid() + "/net/route", "run doctor as root")));
      }
    }
    return findings;
  }

  private static boolean hasTun(ContainerFacts c) {
    return c.spec().devices().stream().anyMatch(d -> d.hostPath().equals("/dev/net/tun"));
  }

  static Finding judge(String name, RouteTable table) {
    Optional<String> via = table.defaultInterface();
    if (via.filter(RouteTable::tunnel).isPresent()) {
      return Finding.ok(NAME, name, "default traffic leaves through " + via.get());
    }
    String where = via.map(i -> "default traffic leaves through " + i + ", not a tunnel").orElse("no default route");
    Optional<String> tunnel = table.interfaces().stream().filter(RouteTable::tunnel).findFirst();
    if (tunnel.isPresent()) {
      return Finding.warn(NAME, name, where + "; tunnel " + tunnel.get() + " is up (policy routing is not seen here)",
          "check the public address from inside: `podman exec " + name + " wget -qO- ifconfig.me`");
    }
    return Finding.fail(NAME, name, where + " (interfaces: " + String.join(", ", table.interfaces())
        + "): the VPN is not up, so " + name + " and its members are offline or leak",
        "read the VPN client's log (`podman logs " + name + "`): credentials, server, or the tunnel device");
  }
}
