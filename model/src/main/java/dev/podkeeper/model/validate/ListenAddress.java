package dev.podkeeper.model.validate;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.util.Optional;

/**
 * A proxy listener, {@code IP:PORT}, {@code [IPv6]:PORT} or {@code :PORT} (every address).
 *
 * @param address empty for every address
 */
public record ListenAddress(Optional<InetAddress> address, int port) {
  public ListenAddress {
    requireNonNull(address, "address is null");
  }

  public static ListenAddress parse(String what, String text) throws FormatException {
    int colon = text.lastIndexOf(':');
    Optional<Integer> port = colon < 0 ? Optional.empty() : port(text.substring(colon + 1));
    String host = colon < 0 ? "" : text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    Optional<InetAddress> address = host.isEmpty() ? Optional.empty() : IpAddresses.parse(host);
    if (port.isEmpty() || (!host.isEmpty() && address.isEmpty())) {
      throw new FormatException(Rule.PROXY_LISTEN, what + " " + Quote.of(text)
          + " is not IP:PORT; write e.g. 127.0.0.1:8443, or :8443 for every address");
    }
    return new ListenAddress(address, port.get());
  }

  /** Whether both cannot be bound at once: the same port on the same address, or on every address. */
  public boolean clashesWith(Optional<InetAddress> otherAddress, int otherPort) {
    if (port != otherPort) {
      return false;
    }
    boolean everyAddress = address.isEmpty() || IpAddresses.isWildcard(address.get())
        || otherAddress.isEmpty() || IpAddresses.isWildcard(otherAddress.get());
    return everyAddress || address.get().equals(otherAddress.get());
  }

  public boolean isLoopback() {
    return address.isPresent() && IpAddresses.isLoopback(address.get());
  }

  private static Optional<Integer> port(String text) {
    if (!text.matches("[0-9]{1,5}")) {
      return Optional.empty();
    }
    int port = Integer.parseInt(text);
    return port >= 1 && port <= 65535 ? Optional.of(port) : Optional.empty();
  }
}
