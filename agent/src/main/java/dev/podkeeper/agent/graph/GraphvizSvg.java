package dev.podkeeper.agent.graph;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * SVG from DOT through Graphviz's {@code dot -Tsvg}, with a deadline: stdin, stdout and stderr are pumped side
 * by side (a full pipe would stall {@code dot}), and a {@code dot} that takes longer is killed.
 */
public final class GraphvizSvg {
  public static final Duration DEADLINE = Duration.ofSeconds(30);
  /** Far above any stack's picture: a bound on what is read, not an expected size. */
  private static final int MAX_OUTPUT = 16 << 20;

  private final String dot;
  private final Duration deadline;

  /** @param dot the program to run: {@code dot} from PATH, or a path to it */
  public GraphvizSvg(String dot, Duration deadline) {
    this.dot = dot;
    this.deadline = deadline;
  }

  public GraphvizSvg() {
    this("dot", DEADLINE);
  }

  /** The SVG; a missing {@code dot}, its failure or its timeout is an {@link IOException} that says what to do. */
  public String render(String dotSource) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(dot, "-Tsvg").start();
    } catch (IOException e) {
      throw new IOException("cannot run Graphviz's " + dot + " (" + e.getMessage() + "): --format svg needs it;"
          + " install it (Debian: apt-get install graphviz), or write --format dot and render it elsewhere", e);
    }
    // One thread per pipe: a shared pool with fewer threads could leave a pipe unread and dot stalled.
    ExecutorService pipes = Executors.newFixedThreadPool(3, runnable -> {
      Thread thread = new Thread(runnable, "dot-pipe");
      thread.setDaemon(true);
      return thread;
    });
    try {
      CompletableFuture<Void> input = CompletableFuture.runAsync(() -> write(process.getOutputStream(), dotSource),
          pipes);
      CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()), pipes);
      CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()), pipes);
      if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IOException(dot + " -Tsvg did not finish within " + deadline.toSeconds() + " s");
      }
      input.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
      String svg = output.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
      if (process.exitValue() != 0) {
        throw new IOException(dot + " -Tsvg failed (exit " + process.exitValue() + "): "
            + errors.get(deadline.toMillis(), TimeUnit.MILLISECONDS).strip());
      }
      return svg;
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException(dot + " -Tsvg: " + e.getMessage(), e);
    } finally {
      process.destroyForcibly();
      pipes.shutdownNow();
    }
  }

  private static void write(OutputStream stdin, String text) {
    try (stdin) {
      stdin.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("writing to dot: " + e.getMessage(), e);
    }
  }

  private static String read(InputStream stream) {
    try (stream) {
      byte[] bytes = stream.readNBytes(MAX_OUTPUT);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("reading from dot: " + e.getMessage(), e);
    }
  }
}
