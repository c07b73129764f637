package dev.podkeeper.agent.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.podkeeper.model.port.ContainerEngine;
import dev.podkeeper.podman.PodmanEngine;
import dev.podkeeper.podman.PodmanSocket;

/** The container engine: Podman at {@code --podman-socket}, else $CONTAINER_HOST / $DOCKER_HOST, else the default. */
public final class EngineModule extends AbstractModule {
  private final String socketOption;

  /** @param socketOption the {@code --podman-socket} value, or null when not given */
  public EngineModule(String socketOption) {
    this.socketOption = socketOption;
  }

  /** Building the client connects to nothing: an unreachable engine shows at the first call, in the log. */
  @Provides
  @Singleton
  ContainerEngine engine() {
    return new PodmanEngine(PodmanSocket.resolve(socketOption));
  }
}
