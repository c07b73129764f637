package dev.podkeeper.model.validate;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IP address literals, read without ever asking DNS: {@link InetAddress#getByName} would resolve a
 * host name, so it only sees text that can be nothing but an IPv6 literal. IPv4 is read strictly
 * (four decimal parts), unlike Java's, which also takes BSD forms such as {@code 127.1}.
 */
public final class IpAddresses {
  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

  private IpAddresses() {}

  public static Optional<InetAddress> parse(String text) {
    Matcher v4 = IPV4.matcher(text);
    if (v4.matches()) {
      byte[] bytes = new byte[4];
      for (int i = 0; i < 4; i++) {
        int part = Integer.parseInt(v4.group(i + 1));
        if (part > 255) {
          return Optional.empty();
        }
        bytes[i] = (byte) part;
      }
      return Optional.of(byAddress(bytes));
    }
    if (text.indexOf(':') >= 0 && IPV6_CHARS.matcher(text).matches()) {
      try {
        return Optional.of(InetAddress.getByName(text));
      } catch (UnknownHostException notAnAddress) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** 127.0.0.0/8 or ::1: reachable from this host only. */
  public static boolean isLoopback(InetAddress address) {
    return address.isLoopbackAddress();
  }

  /** 0.0.0.0 or ::, which bind every address of the host. */
  public static boolean isWildcard(InetAddress address) {
    return address.isAnyLocalAddress();
  }

  static InetAddress byAddress(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException impossible) {
      throw new IllegalArgumentException("address of " + bytes.length + " bytes", impossible);
    }
  }
}
