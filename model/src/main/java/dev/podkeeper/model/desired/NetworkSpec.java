package dev.podkeeper.model.desired;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** A Podman bridge network. Subnet and gateway are kept as validated CIDR / address text. */
public record NetworkSpec(String name, Optional<String> subnet, Optional<String> gateway, boolean dns) {
  public NetworkSpec {
    requireNonNull(name, "name is null");
    requireNonNull(subnet, "subnet is null");
    requireNonNull(gateway, "gateway is null");
  }
}
