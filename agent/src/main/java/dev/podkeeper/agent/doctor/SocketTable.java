package dev.podkeeper.agent.doctor;

import dev.podkeeper.model.desired.PortMapping.Protocol;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the kernel's socket tables ({@code /proc/net/tcp}, {@code tcp6}, {@code udp}, {@code udp6}) as
 * {@code ss -ltnu} does. A line is {@code sl local_address rem_address st ... inode ...}; addresses are hex
 * {@code ADDR:PORT}, each 32-bit word of ADDR in the host's (little-endian) byte order.
 */
public final class SocketTable {
  /** TCP_LISTEN. */
  private static final String LISTEN = "0A";
  /** TCP_CLOSE: what a bound, unconnected UDP socket reports. */
  private static final String UNCONNECTED = "07";
  private static final int INODE_FIELD = 9;

  private SocketTable() {}

  /** The listening sockets of one table's text; lines it cannot read are skipped, as {@code ss} would. */
  public static List<Listener> listeners(Protocol protocol, String table) {
    List<Listener> found = new ArrayList<>();
    String wanted = protocol == Protocol.TCP ? LISTEN : UNCONNECTED;
    for (String line : table.split("\n")) {
      String[] f = line.strip().split("\\s+");
      if (f.length <= INODE_FIELD || !f[3].equals(wanted) || !f[1].contains(":")) {
        continue;
      }
      try {
        String[] local = f[1].split(":");
        found.add(new Listener(protocol, address(local[0]), Integer.parseInt(local[1], 16),
            Long.parseLong(f[INODE_FIELD])));
      } catch (NumberFormatException | UnknownHostException e) {
        // a header or a line of another format
      }
    }
    return found;
  }

  static String address(String hex) throws UnknownHostException {
    if (hex.length() != 8 && hex.length() != 32) {
      throw new UnknownHostException(hex);
    }
    byte[] bytes = new byte[hex.length() / 2];
    for (int word = 0; word < bytes.length / 4; word++) {
      for (int b = 0; b < 4; b++) {
        int at = word * 8 + (3 - b) * 2; // little-endian within each word
        bytes[word * 4 + b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
      }
    }
    return InetAddress.getByAddress(bytes).getHostAddress().replaceAll("^0:0:0:0:0:0:0:0$", "::")
        .replaceAll("^0:0:0:0:0:0:0:1$", "::1");
  }
}
