package dev.podkeeper.model.testing;

import dev.podkeeper.model.observed.ImageDefaults;
import dev.podkeeper.model.port.ContainerEngine;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The engine contract, run on the in-memory fake. */
class FakeContainerEngineContractTest extends ContainerEngineContract {
  private static final String IMAGE = "localhost/podkeeper-test:1";
  /** As scripts/build-test-image.sh makes it. */
  private static final ImageDefaults TEST_IMAGE = new ImageDefaults(
      List.of("/bin/sh", "-c", "trap \"exit 0\" TERM; while :; do sleep 1 & wait; done"), List.of(),
      Map.of("PATH", "/bin"), "", "", Map.of(), Optional.empty());

  @Override
  protected ContainerEngine newEngine() {
    return new FakeContainerEngine().withImage(IMAGE, TEST_IMAGE);
  }

  @Override
  protected ContainerEngine unreachableEngine() {
    FakeContainerEngine down = new FakeContainerEngine().withImage(IMAGE, TEST_IMAGE);
    down.setDown(true);
    return down;
  }

  @Override
  protected String testImage() {
    return IMAGE;
  }
}
