package dev.podkeeper.podman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.NetworkAttachment;
import dev.podkeeper.model.port.EngineEvent;
import dev.podkeeper.model.port.EngineEventListener;
import dev.podkeeper.model.port.EngineException;
import dev.podkeeper.model.port.ResolvedContainer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without an engine: what the agent sees when the socket is wrong or Podman is down. */
class PodmanEngineUnreachableTest {
  @TempDir
  Path dir;

  @Test
  void everyCallFailsNamingTheSocketAndCountsAsACall() throws Exception {
    String socket = "unix://" + dir.resolve("podman.sock");
    try (PodmanEngine engine = new PodmanEngine(socket)) {
      assertThatThrownBy(engine::listContainers)
          .isInstanceOf(EngineException.class)
          .hasMessageStartingWith("list containers: cannot reach Podman at " + socket);
      assertThatThrownBy(() -> engine.startContainer("abc"))
          .isInstanceOf(EngineException.class)
          .hasMessageStartingWith("start container abc: cannot reach Podman at " + socket);
      assertThatThrownBy(() -> engine.createContainer(new ResolvedContainer(
          ContainerSpec.builder("web", "img", new NetworkAttachment.Bridge("n")).build(), Map.of(), Optional.empty(), "s", "h")))
          .isInstanceOf(EngineException.class)
          .hasMessageStartingWith("create container web: cannot reach Podman at " + socket);
      assertThat(engine.callCount()).isEqualTo(3);
    }
  }

  @Test
  void aSubscriptionThatCannotConnectIsReportedClosedOnceWithTheCause() throws Exception {
    List<Throwable> closed = new CopyOnWriteArrayList<>();
    try (PodmanEngine engine = new PodmanEngine("unix://" + dir.resolve("podman.sock"))) {
      AutoCloseable subscription = engine.subscribeEvents(new EngineEventListener() {
        @Override
        public void onEvent(EngineEvent event) {}

        @Override
        public void onClosed(Throwable cause) {
          closed.add(cause == null ? new AssertionError("closed without cause") : cause);
        }
      });
      subscription.close();
    }

    assertThat(closed).singleElement().isInstanceOf(EngineException.class);
    assertThat(closed.get(0)).hasMessageContaining("event stream from Podman at unix://");
  }
}
