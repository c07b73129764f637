package dev.podkeeper.model.port;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * An image in the engine's store: its ID and the manifest digests it is known by ({@code sha256:...}, from
 * RepoDigests without their names). Which name a digest came with is not kept: Podman lists every name with every
 * digest, so only "this image has that manifest" can be trusted.
 */
public record LocalImage(String id, Set<String> digests) {
  public LocalImage {
    requireNonNull(id, "id is null");
    digests = Set.copyOf(digests);
  }
}
