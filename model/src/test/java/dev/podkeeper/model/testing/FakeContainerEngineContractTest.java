package dev.podkeeper.model.testing;

import dev.podkeeper.model.port.ContainerEngine;

/** The engine contract, run on the in-memory fake. */
class FakeContainerEngineContractTest extends ContainerEngineContract {
  private static final String IMAGE = "localhost/podkeeper-test:1";

  @Override
  protected ContainerEngine newEngine() {
    return new FakeContainerEngine().withImage(IMAGE);
  }

  @Override
  protected ContainerEngine unreachableEngine() {
    FakeContainerEngine down = new FakeContainerEngine().withImage(IMAGE);
    down.setDown(true);
    return down;
  }

  @Override
  protected String testImage() {
    return IMAGE;
  }
}
