package dev.podkeeper.podman;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import dev.podkeeper.model.port.ContainerEngine;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Collects a container's log frames (stdout and stderr, interleaved as conmon read them) into at most
 * {@code lines} lines of at most {@link ContainerEngine#LOG_LINE_LIMIT} characters: the engine is asked for a
 * tail, but a line without a newline can still be as long as the program made it.
 */
final class LogTail extends ResultCallback.Adapter<Frame> {
  private final int lines;
  private final Deque<String> kept = new ArrayDeque<>();
  private volatile RuntimeException error;

  LogTail(int lines) {
    this.lines = lines;
  }

  @Override
  public synchronized void onNext(Frame frame) {
    String text = new String(frame.getPayload(), UTF_8);
    for (String line : text.split("\r?\n")) {
      if (!line.isEmpty() || !text.endsWith("\n")) {
        add(line);
      }
    }
  }

  private void add(String line) {
    kept.addLast(line.length() > ContainerEngine.LOG_LINE_LIMIT ? line.substring(0, ContainerEngine.LOG_LINE_LIMIT) : line);
    while (kept.size() > lines) {
      kept.removeFirst();
    }
  }

  /**
   * Kept for the caller to report, and not logged: the template's own onError logs every refusal (a container
   * removed meanwhile) as an ERROR with its stack trace.
   */
  @Override
  public void onError(Throwable throwable) {
    error = throwable instanceof RuntimeException r ? r : new IllegalStateException(throwable);
    try {
      close();
    } catch (java.io.IOException e) {
      // the stream is being given up anyway
    }
  }

  /** The engine's refusal, if the stream ended with one. */
  RuntimeException error() {
    return error;
  }

  synchronized List<String> lines() {
    return List.copyOf(kept);
  }
}
