package dev.podkeeper.agent.loop;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podkeeper.agent.lifecycle.ManualScheduler;
import dev.podkeeper.agent.testing.TestClock;
import dev.podkeeper.agent.reconcile.Trigger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesiredFileWatcherTest {
  @TempDir Path directory;
  private final TestClock clock = new TestClock();
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final RecordingRequester loop = new RecordingRequester();
  private Path file;
  private DesiredFileWatcher watcher;

  @BeforeEach
  void start() throws IOException {
    file = directory.resolve("stack.yaml");
    Files.writeString(file, "version: 1\n");
    watcher = new DesiredFileWatcher(file, loop, scheduler);
    watcher.start();
  }

  @AfterEach
  void stop() throws IOException {
    watcher.stop();
  }

  @Test
  void anEditorsAtomicSaveIsSeen() throws IOException {
    Path temp = directory.resolve(".stack.yaml.swp");
    Files.writeString(temp, "version: 1\nstack: changed\n");
    Files.move(temp, file, ATOMIC_MOVE);

    await().until(() -> scheduler.pending() == 1);
    assertThat(loop.requests()).isEmpty();
    scheduler.advance(DesiredFileWatcher.DEBOUNCE);

    assertThat(loop.requests()).containsExactly(Trigger.FILE);
  }

  @Test
  void waitsForTheBurstToBeQuiet() throws IOException {
    Files.writeString(file, "version: 1\nstack: a\n");
    await().until(() -> scheduler.pending() == 1);

    scheduler.advance(DesiredFileWatcher.DEBOUNCE.minusMillis(1));
    assertThat(loop.requests()).isEmpty();
    scheduler.advance(DesiredFileWatcher.DEBOUNCE);
    assertThat(loop.requests()).containsExactly(Trigger.FILE);
  }

  @Test
  void aVanishedFileIsAChangeToo() throws IOException {
    Files.delete(file);

    await().until(() -> scheduler.pending() == 1);
    scheduler.advance(DesiredFileWatcher.DEBOUNCE);

    assertThat(loop.requests()).containsExactly(Trigger.FILE);
  }

  @Test
  void onlyEventsNamingTheFileOrLostEventsCount() {
    Path name = Path.of("stack.yaml");

    assertThat(DesiredFileWatcher.concerns(name, event(ENTRY_CREATE, "stack.yaml"))).isTrue();
    assertThat(DesiredFileWatcher.concerns(name, event(ENTRY_DELETE, "stack.yaml"))).isTrue();
    assertThat(DesiredFileWatcher.concerns(name, event(OVERFLOW, null))).isTrue();
    assertThat(DesiredFileWatcher.concerns(name, event(ENTRY_MODIFY, ".stack.yaml.swp"))).isFalse();
    assertThat(DesiredFileWatcher.concerns(name, event(ENTRY_CREATE, "stack.yaml~"))).isFalse();
    assertThat(DesiredFileWatcher.concerns(name, event(ENTRY_CREATE, "4913"))).isFalse();
  }

  private static WatchEvent<Object> event(WatchEvent.Kind<?> kind, String name) {
    return new WatchEvent<>() {
      @SuppressWarnings("unchecked")
      @Override
      public Kind<Object> kind() {
        return (Kind<Object>) kind;
      }

      @Override
      public int count() {
        return 1;
      }

      @Override
      public Object context() {
        return name == null ? null : Path.of(name);
      }
    };
  }
}
