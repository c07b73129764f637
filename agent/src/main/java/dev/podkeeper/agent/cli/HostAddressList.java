package dev.podkeeper.agent.cli;

import dev.podkeeper.model.validate.HostAddresses;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/** This host's addresses, for the plan's host IP warning; unknown when the interfaces cannot be listed. */
final class HostAddressList {
  private HostAddressList() {}

  static HostAddresses current() {
    try {
      Set<InetAddress> addresses = new HashSet<>();
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        addresses.addAll(Collections.list(nic.getInetAddresses()).stream().map(HostAddressList::withoutScope).toList());
      }
      return HostAddresses.of(addresses);
    } catch (SocketException e) {
      return HostAddresses.UNKNOWN;
    }
  }

  /** {@code fe80::1%eth0} as the file writes it, {@code fe80::1}: a port's host IP has no scope. */
  private static InetAddress withoutScope(InetAddress address) {
    try {
      return InetAddress.getByAddress(address.getAddress());
    } catch (java.net.UnknownHostException impossible) {
      return address;
    }
  }
}
