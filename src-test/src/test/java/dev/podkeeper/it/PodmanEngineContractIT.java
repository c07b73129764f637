package dev.podkeeper.it;

import dev.podkeeper.model.port.ContainerEngine;
import dev.podkeeper.model.testing.ContainerEngineContract;
import dev.podkeeper.podman.PodmanEngine;

/** The engine contract, run on {@link PodmanEngine} against a private Podman engine. */
class PodmanEngineContractIT extends ContainerEngineContract {

  @Override
  protected ContainerEngine newEngine() {
    return new PodmanEngine(PodmanEngineFixture.get().socket());
  }

  /** A socket path where nothing listens, in a directory of this test's own. */
  @Override
  protected ContainerEngine unreachableEngine() {
    return new PodmanEngine("unix://" + tempDirectory().resolve("no-podman-here.sock"));
  }

  @Override
  protected String testImage() {
    return PodmanEngineFixture.TEST_IMAGE;
  }
}
