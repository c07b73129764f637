package dev.podkeeper.agent.cli;

import dev.podkeeper.agent.status.RedrawTrigger;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * {@code status --watch}: polls for a frame every {@code interval} and draws it when it changed. On a terminal
 * each frame replaces the last (ANSI: cursor home, clear screen); into a pipe or file frames follow one another,
 * so no escape codes end up in a log. Ends on Ctrl-C (the JVM's default), on interruption, or when stdout is
 * closed (a pager that quit).
 */
final class StatusWatch {
  static final String CLEAR_SCREEN = "\u001b[H\u001b[2J";
  private final Supplier<String> frames;
  private final PrintWriter out;
  private final boolean terminal;
  private final Duration interval;

  StatusWatch(Supplier<String> frames, PrintWriter out, boolean terminal, Duration interval) {
    this.frames = frames;
    this.out = out;
    this.terminal = terminal;
    this.interval = interval;
  }

  void run() {
    RedrawTrigger trigger = new RedrawTrigger();
    try {
      while (!Thread.currentThread().isInterrupted()) {
        String frame = frames.get();
        if (trigger.redraw(frame)) {
          out.print(terminal ? CLEAR_SCREEN + frame : frame + "\n");
          out.flush();
        }
        if (out.checkError()) {
          return;
        }
        Thread.sleep(interval.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
