package dev.podkeeper.it.registry;

import dev.podkeeper.it.PodmanEngineFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stack file of one container following {@code :latest} of a repository of the test's registry, with the
 * {@code update:} given, under a unique stack name.
 */
final class FollowingStack {
  final String stack;
  final String container;
  final String repository;
  final String reference;
  final Path file;

  private FollowingStack(PodmanEngineFixture.Engine engine, RegistryFixture registry, Path dir, String prefix,
      String update, String moreKeys) throws IOException {
    stack = engine.uniqueName(prefix).toLowerCase();
    container = stack + "-app";
    repository = "podkeeper-it/" + stack;
    reference = registry.host() + "/" + repository + ":latest";
    file = dir.resolve("stack.yaml");
    Files.writeString(file, """
        version: 1
        stack: %s
        containers:
          %s:
            image: %s
            update: %s
        %s""".formatted(stack, container, reference, update, moreKeys.indent(4)));
  }

  static FollowingStack write(PodmanEngineFixture.Engine engine, RegistryFixture registry, Path dir, String prefix,
      String update) throws IOException {
    return write(engine, registry, dir, prefix, update, "");
  }

  /** @param moreKeys more keys of the container, e.g. {@code health: {...}}, one per line */
  static FollowingStack write(PodmanEngineFixture.Engine engine, RegistryFixture registry, Path dir, String prefix,
      String update, String moreKeys) throws IOException {
    return new FollowingStack(engine, registry, dir, prefix, update, moreKeys);
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

  /** Removes the container and the names the test gave images. */
  void remove(PodmanEngineFixture.Engine engine, String... moreImages) {
    engine.podmanQuietly("rm", "-f", "-t", "0", container);
    engine.podmanQuietly("rmi", "-f", reference);
    for (String image : moreImages) {
      engine.podmanQuietly("rmi", "-f", image);
    }
  }
}
