package dev.podkeeper.model.validate;

import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;

/**
 * The addresses of the host the file is planned for, handed in by whoever could list them ({@code plan});
 * the model never asks the machine itself. {@link #UNKNOWN} skips the checks that need them ({@code validate},
 * which may run on another machine than the one the file is for).
 */
public record HostAddresses(Optional<Set<InetAddress>> addresses) {
  public static final HostAddresses UNKNOWN = new HostAddresses(Optional.empty());

  public HostAddresses {
    addresses = addresses.map(Set::copyOf);
  }

  public static HostAddresses of(Set<InetAddress> addresses) {
    return new HostAddresses(Optional.of(addresses));
  }
}
