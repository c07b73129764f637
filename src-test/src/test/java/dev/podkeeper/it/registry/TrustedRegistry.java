package dev.podkeeper.it.registry;

import dev.podkeeper.it.PodmanEngineFixture;

/**
 * The update tests' registry and the private engine that trusts it, one pair per test JVM: the engine's
 * registries.conf marks the registry insecure, so podkeeper's own pull fetches a moved tag over plain HTTP as it
 * would from a real registry. Each test follows repositories of its own; both stop when the JVM exits.
 */
final class TrustedRegistry {
  private static TrustedRegistry started;
  private static RuntimeException failure;

  final RegistryFixture registry;
  final PodmanEngineFixture.Engine engine;

  private TrustedRegistry(RegistryFixture registry, PodmanEngineFixture.Engine engine) {
    this.registry = registry;
    this.engine = engine;
  }

  /** The pair, started on first call; a failed start is not tried again by every test. */
  static synchronized TrustedRegistry get() {
    if (failure != null) {
      throw new IllegalStateException("the test registry or its engine did not start (see the first failure)", failure);
    }
    if (started == null) {
      try {
        RegistryFixture registry = RegistryFixture.start("updates");
        Runtime.getRuntime().addShutdownHook(new Thread(registry::close, "stop-test-registry"));
        started = new TrustedRegistry(registry, PodmanEngineFixture.Engine.startTrusting("podman-updates",
            registry.host()));
      } catch (RuntimeException e) {
        failure = e;
        throw e;
      }
    }
    return started;
  }
}
