package dev.podkeeper.model.desired;

import static java.util.Objects.requireNonNull;

/** {@code HOST[:CONTAINER[:PERMS]]}; container path defaults to the host path, permissions to {@code rwm}. */
public record DeviceMapping(String hostPath, String containerPath, String permissions) {
  public DeviceMapping {
    requireNonNull(hostPath, "hostPath is null");
    requireNonNull(containerPath, "containerPath is null");
    requireNonNull(permissions, "permissions is null");
  }
}
