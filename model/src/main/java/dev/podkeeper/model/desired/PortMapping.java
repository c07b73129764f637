package dev.podkeeper.model.desired;

import static java.util.Objects.requireNonNull;

/** {@code HOSTIP:HOSTPORT:CONTAINERPORT[/tcp|/udp]}; the host IP is always explicit. */
public record PortMapping(String hostIp, int hostPort, int containerPort, Protocol protocol) {
  public PortMapping {
    requireNonNull(hostIp, "hostIp is null");
    requireNonNull(protocol, "protocol is null");
  }

  public enum Protocol {
    TCP, UDP;

    public String lower() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  @Override
  public String toString() {
    String ip = hostIp.contains(":") ? "[" + hostIp + "]" : hostIp;
    return ip + ":" + hostPort + ":" + containerPort + "/" + protocol.lower();
  }
}
