package dev.podkeeper.podman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.podkeeper.model.port.EngineEvent;
import dev.podkeeper.model.port.EngineEventListener;
import dev.podkeeper.model.port.EngineException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The empty engine of the class-data archive's training run, as the real adapter sees it: nothing listed, every
 * image said to exist (but none to inspect), an event stream that stays open, and every change refused with
 * Podman's error shape.
 */
class EmptyEngineServerTest {
  @TempDir Path dir;

  @Test
  void listsNothingRefusesChangesAndKeepsTheEventStreamOpen() throws Exception {
    Path socket = dir.resolve("engine.sock");
    List<Throwable> closes = new CopyOnWriteArrayList<>();
    try (EmptyEngineServer server = EmptyEngineServer.start(socket);
        PodmanEngine engine = new PodmanEngine("unix://" + socket)) {
      AutoCloseable events = engine.subscribeEvents(new EngineEventListener() {
        @Override
        public void onEvent(EngineEvent event) {
          throw new AssertionError("the empty engine sends no event: " + event);
        }

        @Override
        public void onClosed(Throwable cause) {
          closes.add(cause == null ? new Throwable("closed on purpose") : cause);
        }
      });

      assertThat(engine.listContainers()).isEmpty();
      assertThat(engine.listNetworks()).isEmpty();
      assertThat(engine.imageExists("localhost/anything:1")).isTrue(); // so that creates are sent
      assertThat(engine.inspectImage("localhost/anything:1")).isEmpty();
      assertThatThrownBy(() -> engine.pullImage("localhost/anything:1"))
          .isInstanceOf(EngineException.class)
          .hasMessageContaining("changes nothing");
      assertThatThrownBy(() -> engine.removeContainer("abc"))
          .isInstanceOf(EngineException.class);
      // A stream the server ends is reported within milliseconds; this one must stay open.
      await("the event stream staying open").during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2))
          .until(closes::isEmpty);
      events.close();
    }
    assertThat(Files.exists(socket)).as("the socket is removed on close").isFalse();
  }
}
