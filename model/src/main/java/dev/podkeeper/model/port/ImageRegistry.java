package dev.podkeeper.model.port;

import dev.podkeeper.model.image.ImageReference;

/**
 * A container registry, asked only what a tag names now: the manifest digest, by one HEAD request (no manifest
 * body, no pull, so a check costs nothing against a pull limit). Implemented over the Registry HTTP API by the
 * registry adapter and in memory by {@code FakeImageRegistry}; {@code ImageRegistryContract} holds both to the
 * same answers.
 */
public interface ImageRegistry {
  /**
   * The digest the reference's tag names at the registry now. Never throws for what the registry or the network
   * answers: a failure is a {@link ManifestCheck.Failed} or {@link ManifestCheck.RateLimited}, never "up to date".
   * Bounded by a deadline.
   */
  ManifestCheck manifestDigest(ImageReference reference);
}
