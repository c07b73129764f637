package dev.podkeeper.model.validate;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;

/** A subnet such as {@code 10.89.0.0/24}, with the host bits zero. */
record Cidr(InetAddress network, int prefixLength) {

  /** The subnet, or a message saying what is wrong with the text. */
  static Cidr parse(String text) throws FormatException {
    int slash = text.indexOf('/');
    Optional<InetAddress> address = slash < 0 ? Optional.empty() : IpAddresses.parse(text.substring(0, slash));
    String prefix = slash < 0 ? "" : text.substring(slash + 1);
    if (address.isEmpty() || !prefix.matches("\\d{1,3}")) {
      throw new FormatException(Rule.NETWORKS_SUBNET, "subnet " + Quote.of(text) + " is not a CIDR such as 10.89.0.0/24");
    }
    int bits = address.get().getAddress().length * 8;
    int length = Integer.parseInt(prefix);
    if (length > bits) {
      throw new FormatException(Rule.NETWORKS_SUBNET, "subnet " + Quote.of(text) + " has a prefix longer than " + bits);
    }
    InetAddress network = IpAddresses.byAddress(masked(address.get().getAddress(), length));
    if (!network.equals(address.get())) {
      throw new FormatException(Rule.NETWORKS_SUBNET, "subnet " + Quote.of(text) + " has host bits set; write "
          + network.getHostAddress() + "/" + length);
    }
    return new Cidr(network, length);
  }

  boolean contains(InetAddress address) {
    byte[] bytes = address.getAddress();
    return bytes.length == network.getAddress().length
        && Arrays.equals(masked(bytes, prefixLength), network.getAddress());
  }

  boolean overlaps(Cidr other) {
    return contains(other.network) || other.contains(network);
  }

  /** The first and last address of an IPv4 subnet, which cannot be a gateway. */
  boolean isNetworkOrBroadcast(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length != 4 || prefixLength >= 31) {
      return false;
    }
    byte[] broadcast = network.getAddress();
    for (int bit = prefixLength; bit < 32; bit++) {
      broadcast[bit / 8] |= (byte) (0x80 >>> (bit % 8));
    }
    return address.equals(network) || Arrays.equals(bytes, broadcast);
  }

  private static byte[] masked(byte[] address, int length) {
    byte[] out = address.clone();
    for (int bit = length; bit < out.length * 8; bit++) {
      out[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    return out;
  }

  @Override
  public String toString() {
    return network.getHostAddress() + "/" + prefixLength;
  }
}
