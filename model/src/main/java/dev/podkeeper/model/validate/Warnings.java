package dev.podkeeper.model.validate;

import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.PortMapping;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The {@link Advice} checks over a valid desired state: nothing here makes a file invalid. */
public final class Warnings {
  private Warnings() {}

  public static List<Warning> of(DesiredState state, HostAddresses host) {
    List<Warning> found = new ArrayList<>();
    for (ContainerSpec c : state.containers().values()) {
      NodePath path = Check.container(c.name());
      lanAccess(c, path, found);
      image(c, path, found);
      host.addresses().ifPresent(addresses -> hostIps(c, path, addresses, found));
    }
    return found;
  }

  private static void lanAccess(ContainerSpec c, NodePath path, List<Warning> found) {
    if (c.lanAccess() && c.ports().stream().allMatch(p -> address(p).map(IpAddresses::isLoopback).orElse(true))) {
      found.add(new Warning(Advice.LAN_ACCESS_UNUSED, path.key("lanAccess"), "lanAccess: true does nothing for "
          + "container " + Quote.of(c.name()) + ": " + (c.ports().isEmpty() ? "it publishes no ports"
              : "all its ports are on loopback") + "; give a port a LAN host IP (e.g. 192.168.1.10:8080:80), or "
          + "remove lanAccess"));
    }
  }

  private static void image(ContainerSpec c, NodePath path, List<Warning> found) {
    String image = c.image();
    if (image.contains("@") || c.update().enabled()) {
      return; // a digest pins the image more tightly than any tag; a followed tag is updated on purpose
    }
    int colon = image.lastIndexOf(':');
    boolean tagged = colon > image.lastIndexOf('/');
    String tag = tagged ? image.substring(colon + 1) : "";
    if (!tag.isEmpty() && !tag.equals("latest")) {
      return;
    }
    String repository = tagged ? image.substring(0, colon) : image;
    found.add(new Warning(Advice.IMAGE_UNPINNED, path.key("image"), "image " + Quote.of(image) + " has "
        + (tagged ? "the tag latest" : "no tag (so latest)") + ": which version runs depends on when this host"
        + " pulled it, and podkeeper does not update it; pin a version tag, e.g. " + Quote.bare(repository) + ":1.2.3, or"
        + " let podkeeper follow it with update: { policy: registry }"));
  }

  private static void hostIps(ContainerSpec c, NodePath path, Set<InetAddress> addresses, List<Warning> found) {
    for (int i = 0; i < c.ports().size(); i++) {
      PortMapping port = c.ports().get(i);
      Optional<InetAddress> address = address(port);
      if (address.isEmpty() || IpAddresses.isLoopback(address.get()) || IpAddresses.isWildcard(address.get())
          || addresses.contains(address.get())) {
        continue;
      }
      found.add(new Warning(Advice.HOST_IP_ABSENT, path.key("ports").index(i), "host IP " + port.hostIp()
          + " is not an address of this host, so Podman cannot publish on it and container " + Quote.of(c.name())
          + " will not start; this host has " + listed(addresses)));
    }
  }

  private static Optional<InetAddress> address(PortMapping port) {
    return IpAddresses.parse(port.hostIp());
  }

  private static String listed(Set<InetAddress> addresses) {
    List<String> shown = addresses.stream().filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
        .map(InetAddress::getHostAddress).sorted().toList();
    return shown.isEmpty() ? "no address but loopback" : shown.stream().collect(Collectors.joining(", "));
  }
}
