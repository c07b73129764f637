package dev.podkeeper.podman;

/** Labels the adapter itself puts on containers, besides those of {@code ResolvedContainer#labels()}. */
public final class PodmanLabels {
  /**
   * The full ID of the network-namespace provider of a {@code container:} mode container. Podman's
   * container list does not say which container another one joined (only inspect does, one call per
   * container), so the adapter records it at creation; the provider cannot change without recreating.
   */
  public static final String PROVIDER_ID = "dev.podkeeper.provider-id";

  private PodmanLabels() {}
}
