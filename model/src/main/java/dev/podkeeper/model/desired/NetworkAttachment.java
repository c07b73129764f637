package dev.podkeeper.model.desired;

import static java.util.Objects.requireNonNull;

/**
 * Where a container's network comes from: a bridge network of the file, another container's namespace, or
 * (with {@code network} left out) Podman's default bridge network, as {@code podman run} would.
 */
public sealed interface NetworkAttachment {

  record Bridge(String network) implements NetworkAttachment {
    public Bridge {
      requireNonNull(network, "network is null");
    }

    @Override
    public String toString() {
      return network;
    }
  }

  /** {@code container:<provider>}: shares the provider's network namespace; implies a dependency on it. */
  record ContainerNamespace(String provider) implements NetworkAttachment {
    public ContainerNamespace {
      requireNonNull(provider, "provider is null");
    }

    @Override
    public String toString() {
      return "container:" + provider;
    }
  }

  /** No {@code network:}: Podman's default bridge network, {@code podman}. It resolves no container names. */
  record PodmanDefault() implements NetworkAttachment {
    public static final String NAME = "podman";

    @Override
    public String toString() {
      return NAME;
    }
  }
}
