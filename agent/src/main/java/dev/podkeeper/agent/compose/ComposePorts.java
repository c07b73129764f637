package dev.podkeeper.agent.compose;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compose's port forms as podkeeper's {@code HOSTIP:HOSTPORT:CONTAINERPORT[/PROTO]}. A port compose would bind
 * on every interface (no host IP, {@code 0.0.0.0}, {@code [::]}) is kept on loopback, with a comment saying so:
 * exposing it beyond this host is a choice the file should show ({@code lanAccess: true}). A port with a
 * specific other address keeps it and needs {@code lanAccess}.
 */
final class ComposePorts {
  /** One published port, and why it differs from the compose file, if it does. */
  record Port(String spec, Optional<String> note, boolean needsLanAccess) {}

  private ComposePorts() {}

  static List<Port> map(String key, JsonNode ports) throws ComposeImportException {
    List<Port> mapped = new ArrayList<>();
    for (JsonNode port : ports) {
      if (port.isObject()) {
        mapped.addAll(longForm(key, port));
      } else {
        mapped.addAll(shortForm(key, port.asText()));
      }
    }
    return mapped;
  }

  /** {@code [HOST_IP:][HOST_PORT[-END]:]CONTAINER_PORT[-END][/PROTO]}; an IPv6 host IP may come in brackets. */
  private static List<Port> shortForm(String key, String text) throws ComposeImportException {
    int slash = text.lastIndexOf('/');
    String protocol = slash < 0 ? "" : text.substring(slash);
    String spec = slash < 0 ? text : text.substring(0, slash);
    String hostIp = "";
    if (spec.startsWith("[")) {
      int close = spec.indexOf("]:");
      if (close < 0) {
        throw new ComposeImportException(key + " \"" + text + "\" is not a port compose knows");
      }
      hostIp = spec.substring(1, close);
      spec = spec.substring(close + 2);
    }
    String[] parts = spec.split(":", -1);
    int n = parts.length;
    if (n > 3) { // an IPv6 host IP without brackets: compose reads the last two parts as the ports
      hostIp = String.join(":", java.util.Arrays.copyOf(parts, n - 2));
    } else if (n == 3) {
      hostIp = parts[0];
    }
    String hostPorts = n >= 2 ? parts[n - 2] : null;
    String containerPorts = parts[n - 1];
    return expand(key, text, hostIp, hostPorts, containerPorts, protocol);
  }

  private static List<Port> longForm(String key, JsonNode port) throws ComposeImportException {
    String target = port.path("target").asText();
    String published = port.path("published").asText("");
    String protocol = port.has("protocol") ? "/" + port.get("protocol").asText() : "";
    return expand(key, target, port.path("host_ip").asText(""), published.isEmpty() ? null : published, target,
        protocol);
  }

  private static List<Port> expand(String key, String text, String hostIpText, String hostPorts, String containerPorts,
      String protocol) throws ComposeImportException {
    String hostIp = hostIpText.startsWith("[") ? hostIpText.substring(1, hostIpText.length() - 1) : hostIpText;
    int[] container = range(key, text, containerPorts);
    int[] host = hostPorts == null || hostPorts.isEmpty() ? container : range(key, text, hostPorts);
    if (host[1] - host[0] != container[1] - container[0]) {
      throw new ComposeImportException(key + " \"" + text + "\": the host and container ranges differ in length");
    }
    String loopback = hostIp.contains(":") ? "::1" : "127.0.0.1";
    boolean everyInterface = hostIp.isEmpty() || hostIp.equals("0.0.0.0") || hostIp.equals("::");
    boolean named = hostIp.equalsIgnoreCase("localhost");
    String ip = everyInterface || named ? loopback : hostIp;
    Optional<String> note = Optional.empty();
    if (hostPorts == null || hostPorts.isEmpty()) {
      note = Optional.of("was \"" + text + "\" (a random host port): published on the same port, on loopback only");
    } else if (everyInterface) {
      note = Optional.of("was \"" + text + "\" (every interface): loopback only; for the LAN give its IP and"
          + " lanAccess: true");
    } else if (named) {
      note = Optional.of("was \"" + text + "\": host IPs are addresses, not names");
    }
    boolean lan = !ip.equals("::1") && !ip.startsWith("127.");
    String bracketed = ip.contains(":") ? "[" + ip + "]" : ip;
    List<Port> ports = new ArrayList<>();
    for (int i = 0; i <= host[1] - host[0]; i++) {
      ports.add(new Port(bracketed + ":" + (host[0] + i) + ":" + (container[0] + i) + protocol, note, lan));
    }
    return ports;
  }

  private static int[] range(String key, String text, String ports) throws ComposeImportException {
    String[] ends = ports.split("-", -1);
    try {
      int first = Integer.parseInt(ends[0]);
      int last = ends.length == 2 ? Integer.parseInt(ends[1]) : first;
      if (ends.length > 2 || last < first) {
        throw new NumberFormatException();
      }
      return new int[] {first, last};
    } catch (NumberFormatException e) {
      throw new ComposeImportException(key + " \"" + text + "\" has port \"" + ports + "\", which is not a number");
    }
  }
}
