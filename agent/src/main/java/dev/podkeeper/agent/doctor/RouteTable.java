package dev.podkeeper.agent.doctor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A network namespace's main routing table, from {@code /proc/PID/net/route}: {@code Iface Destination Gateway
 * Flags RefCnt Use Metric Mask ...}, destination and mask in hex. Only what doctor asks: where default traffic
 * goes. OpenVPN's {@code redirect-gateway def1} covers the default with two halves ({@code 0.0.0.0/1} and
 * {@code 128.0.0.0/1}) instead of replacing it; those win over the default route, so they count as it.
 */
public record RouteTable(Map<String, String> routes, Set<String> interfaces) {
  private static final String DEFAULT = "00000000/00000000";
  private static final String LOWER_HALF = "00000000/00000080";
  private static final String UPPER_HALF = "00000080/00000080";

  public static RouteTable parse(String text) {
    Map<String, String> routes = new LinkedHashMap<>();
    Set<String> interfaces = new TreeSet<>();
    for (String line : text.split("\n")) {
      String[] f = line.strip().split("\\s+");
      if (f.length < 8 || f[0].equals("Iface")) {
        continue;
      }
      interfaces.add(f[0]);
      routes.putIfAbsent(f[1] + "/" + f[7], f[0]);
    }
    return new RouteTable(routes, interfaces);
  }

  /** The interface default traffic leaves through, if any. */
  public Optional<String> defaultInterface() {
    String lower = routes.get(LOWER_HALF);
    if (lower != null && lower.equals(routes.get(UPPER_HALF))) {
      return Optional.of(lower);
    }
    return Optional.ofNullable(routes.get(DEFAULT));
  }

  /** Tunnel devices by their usual names: {@code tun0} (OpenVPN), {@code wg0} (WireGuard). */
  public static boolean tunnel(String iface) {
    return iface.startsWith("tun") || iface.startsWith("wg");
  }
}
