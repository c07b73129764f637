package dev.podkeeper.it.registry;

import dev.podkeeper.it.PodmanEngineFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A stack file of one container following {@code :latest} of a repository of the test's registry, with the
 * {@code update:} given, under a unique stack name; as a namespace provider, on a network of its own with
 * members that join its network namespace ({@code network: container:<it>}) and run the test image.
 */
final class FollowingStack {
  final String stack;
  final String container;
  final String repository;
  final String reference;
  final Path file;
  /** The members' names, in the file's order; none for a plain stack. */
  final List<String> members;
  private final String network;

  private FollowingStack(PodmanEngineFixture.Engine engine, RegistryFixture registry, Path dir, String prefix,
      String update, String moreKeys, int memberCount) throws IOException {
    stack = engine.uniqueName(prefix).toLowerCase();
    container = stack + "-app";
    repository = "podkeeper-it/" + stack;
    reference = registry.host() + "/" + repository + ":latest";
    file = dir.resolve("stack.yaml");
    members = IntStream.rangeClosed(1, memberCount).mapToObj(i -> stack + "-member" + i).toList();
    network = stack + "-net";
    StringBuilder yaml = new StringBuilder("version: 1\nstack: " + stack + "\n");
    if (!members.isEmpty()) {
      yaml.append("networks:\n  ").append(network).append(": { subnet: ").append(engine.randomSubnet()).append(" }\n");
    }
    yaml.append("containers:\n  ").append(container).append(":\n    image: ").append(reference)
        .append("\n    update: ").append(update).append('\n');
    if (!members.isEmpty()) {
      yaml.append("    network: ").append(network).append('\n');
    }
    yaml.append(moreKeys.indent(4));
    for (String member : members) {
      yaml.append("  ").append(member).append(":\n    image: ").append(engine.image())
          .append("\n    pull: never\n    network: \"container:").append(container).append("\"\n");
    }
    Files.writeString(file, yaml);
  }

  static FollowingStack write(PodmanEngineFixture.Engine engine, RegistryFixture registry, Path dir, String prefix,
      String update) throws IOException {
    return write(engine, registry, dir, prefix, update, "");
  }

  /** @param moreKeys more keys of the container, e.g. {@code health: {...}}, one per line */
  static FollowingStack write(PodmanEngineFixture.Engine engine, RegistryFixture registry, Path dir, String prefix,
      String update, String moreKeys) throws IOException {
    return new FollowingStack(engine, registry, dir, prefix, update, moreKeys, 0);
  }

  /** The followed container as a namespace provider on a bridge network of the stack's, with this many members. */
  static FollowingStack provider(PodmanEngineFixture.Engine engine, RegistryFixture registry, Path dir,
      String prefix, String update, int members) throws IOException {
    return new FollowingStack(engine, registry, dir, prefix, update, "", members);
  }

  /**
   * Version 1 pushed under the tag and pulled as on a real host: the image under the tag came from the registry
   * (the local build is gone), so it carries the pulled manifest's digest and no other. That digest.
   */
  String pushAndPullVersion1(PodmanEngineFixture.Engine engine, RegistryFixture registry) {
    String built = RegistryFixture.versionImage(engine, 1);
    String digest = registry.push(engine, built, repository + ":latest");
    engine.podman("rmi", built);
    engine.podman("pull", "--tls-verify=false", reference);
    return digest;
  }

  /** The rollback name an update keeps the container's previous image under. */
  String rollbackImage() {
    return "localhost/podkeeper-rollback/" + stack + "-" + container + ":previous";
  }

  /**
   * Removes the containers (members first: Podman refuses to remove their provider before them), the network, the
   * reference, the rollback name and the names the test gave images.
   */
  void remove(PodmanEngineFixture.Engine engine, String... moreImages) {
    for (String member : members) {
      engine.podmanQuietly("rm", "-f", "-t", "0", member);
    }
    engine.podmanQuietly("rm", "-f", "-t", "0", container);
    if (!members.isEmpty()) {
      engine.podmanQuietly("network", "rm", "-f", network);
    }
    engine.podmanQuietly("rmi", "-f", reference);
    engine.podmanQuietly("rmi", "-f", rollbackImage());
    for (String image : moreImages) {
      engine.podmanQuietly("rmi", "-f", image);
    }
  }
}
