package dev.podkeeper.model.validate;

import dev.podkeeper.model.desired.PortMapping;
import dev.podkeeper.model.desired.PortMapping.Protocol;
import java.util.Locale;

/**
 * {@code HOSTIP:HOSTPORT:CONTAINERPORT[/tcp|/udp]}, with an IPv6 host IP in brackets. The host IP is
 * required: without it Podman binds every interface, which is the mistake this format exists to stop.
 */
public final class PortSyntax {
  private static final String FORM = "HOSTIP:HOSTPORT:CONTAINERPORT[/tcp|/udp]";

  private PortSyntax() {}

  public static PortMapping parse(String text) throws FormatException {
    int slash = text.lastIndexOf('/');
    String spec = slash < 0 ? text : text.substring(0, slash);
    Protocol protocol = protocol(text, slash < 0 ? "tcp" : text.substring(slash + 1));
    String hostIp;
    String[] ports;
    if (spec.startsWith("[")) {
      int close = spec.indexOf("]:");
      if (close < 0) {
        throw syntax(text, "is not " + FORM);
      }
      hostIp = spec.substring(1, close);
      ports = spec.substring(close + 2).split(":", -1);
    } else {
      String[] parts = spec.split(":", -1);
      if (parts.length > 3) {
        throw syntax(text, "is not " + FORM + "; write an IPv6 host IP in brackets, e.g. [::1]:8080:80");
      }
      if (parts.length < 3 || parts[0].isEmpty()) {
        throw missingHostIp(text, parts);
      }
      hostIp = parts[0];
      ports = new String[] {parts[1], parts[2]};
    }
    if (ports.length != 2) {
      throw syntax(text, "is not " + FORM);
    }
    if (IpAddresses.parse(hostIp).isEmpty()) {
      // Names are never looked up: what a name resolves to can change under the running agent.
      String hint = hostIp.equalsIgnoreCase("localhost")
          ? "; write 127.0.0.1:" + String.join(":", ports) + (text.contains("/") ? text.substring(text.lastIndexOf('/')) : "")
          : "";
      throw syntax(text, "has host IP " + Quote.of(hostIp) + ", which is not an IP address" + hint);
    }
    return new PortMapping(hostIp, number(text, ports[0], "host"), number(text, ports[1], "container"), protocol);
  }

  private static Protocol protocol(String text, String word) throws FormatException {
    return switch (word.toLowerCase(Locale.ROOT)) {
      case "tcp" -> Protocol.TCP;
      case "udp" -> Protocol.UDP;
      default -> throw syntax(text, "has protocol " + Quote.of(word) + "; use tcp or udp");
    };
  }

  /** {@code 8989}, {@code 8989:8989} or {@code :8989:8989}; anything else is just not the form. */
  private static FormatException missingHostIp(String text, String[] parts) {
    String hostPort = parts[parts.length == 3 ? 1 : 0];
    String containerPort = parts[parts.length - 1];
    if (!hostPort.matches("\\d+") || !containerPort.matches("\\d+")) {
      return syntax(text, "is not " + FORM);
    }
    int slash = text.lastIndexOf('/');
    String suffix = slash < 0 ? "" : text.substring(slash);
    return new FormatException(Rule.PORTS_HOST_IP, "port " + Quote.of(text) + " has no host IP; it would bind every "
        + "interface. Write 127.0.0.1:" + hostPort + ":" + containerPort + suffix
        + ", or set lanAccess: true and give the IP");
  }

  private static int number(String text, String port, String side) throws FormatException {
    if (port.isEmpty()) {
      throw syntax(text, "has no " + side + " port");
    }
    if (port.contains("-")) {
      throw syntax(text, "is a port range; list each port on its own");
    }
    if (!port.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw syntax(text, "has " + side + " port " + Quote.of(port) + ", which is not a number");
    }
    int value = port.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(port);
    if (value < 1 || value > 65535) {
      throw syntax(text, "has " + side + " port " + port + ", outside 1-65535");
    }
    return value;
  }

  private static FormatException syntax(String text, String problem) {
    return new FormatException(Rule.PORTS_SYNTAX, "port " + Quote.of(text) + " " + problem);
  }
}
