package dev.podkeeper.model.desired;

import static java.util.Objects.requireNonNull;

/**
 * {@code SOURCE:TARGET[:ro|:rw]}. An absolute source is a host directory (bind mount, created by
 * podkeeper with the default owner and mode if missing); any other source names a Podman volume.
 */
public record VolumeMount(String source, String target, boolean readOnly) {
  public VolumeMount {
    requireNonNull(source, "source is null");
    requireNonNull(target, "target is null");
  }

  public boolean isBind() {
    return source.startsWith("/");
  }

  @Override
  public String toString() {
    return source + ":" + target + (readOnly ? ":ro" : "");
  }
}
