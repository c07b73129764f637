package dev.podkeeper.agent.loop;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;
import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.lifecycle.Managed;
import dev.podkeeper.agent.lifecycle.Scheduler;
import dev.podkeeper.agent.reconcile.Trigger;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks for a {@link Trigger#FILE} pass when the desired-state file changes. It watches the file's
 * DIRECTORY, not the file: editors and config managers replace a file by renaming a temp file over it,
 * which a watch on the old inode would never see. Events for other names (the temp files themselves,
 * swap files) are ignored; a burst is debounced; the pass re-reads the file and keeps the last good state
 * if the new one is invalid or gone.
 */
public final class DesiredFileWatcher implements Managed {
  private static final Logger log = LoggerFactory.getLogger(DesiredFileWatcher.class);
  public static final Duration DEBOUNCE = Duration.ofMillis(200);

  private final Path file;
  private final Debouncer debouncer;
  private WatchService watcher;
  private Thread thread;

  public DesiredFileWatcher(Path file, PassRequester loop, Scheduler scheduler) {
    this.file = requireNonNull(file, "file is null").toAbsolutePath().normalize();
    requireNonNull(loop, "loop is null");
    this.debouncer = new Debouncer(scheduler, DEBOUNCE, () -> loop.request(Trigger.FILE));
  }

  @Override
  public void start() throws IOException {
    Path directory = file.getParent();
    watcher = directory.getFileSystem().newWatchService();
    directory.register(watcher, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
    thread = new Thread(this::watch, "podkeeper-file-watch");
    thread.setDaemon(true);
    thread.start();
    log.debug("watching {} for changes to {}", directory, file.getFileName());
  }

  private void watch() {
    try {
      while (true) {
        WatchKey key = watcher.take();
        if (key.pollEvents().stream().anyMatch(event -> concerns(file.getFileName(), event))) {
          debouncer.poke();
        }
        if (!key.reset()) {
          // The directory itself is gone; the periodic resync re-reads the file, so nothing is lost for good.
          log.warn("{} can no longer be watched (its directory was removed); changes are picked up "
              + "by the periodic resync or SIGHUP", file);
          return;
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // stop() closed the watch service.
    }
  }

  /** Whether a directory event may have changed the file; OVERFLOW means events were lost, ours perhaps. */
  static boolean concerns(Path fileName, WatchEvent<?> event) {
    return event.kind() == OVERFLOW || fileName.equals(event.context());
  }

  @Override
  public void stop() throws IOException {
    debouncer.cancel();
    if (watcher != null) {
      watcher.close();
    }
  }
}
