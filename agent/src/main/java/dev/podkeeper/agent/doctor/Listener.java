package dev.podkeeper.agent.doctor;

import dev.podkeeper.model.desired.PortMapping.Protocol;

/**
 * A socket of the host that accepts traffic: a TCP socket in LISTEN, or a bound, unconnected UDP socket.
 *
 * @param address as {@code InetAddress.getHostAddress} writes it ({@code 127.0.0.1}, {@code 0.0.0.0}, {@code ::})
 * @param inode the socket's inode, which {@code /proc/PID/fd} links name as {@code socket:[inode]}
 */
public record Listener(Protocol protocol, String address, int port, long inode) {

  /** {@code 0.0.0.0} and {@code ::} take the port on every address. */
  public boolean wildcard() {
    return address.equals("0.0.0.0") || address.equals("::");
  }

  @Override
  public String toString() {
    return (address.contains(":") ? "[" + address + "]" : address) + ":" + port + "/" + protocol.lower();
  }
}
