package dev.podkeeper.agent.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * journald's native socket: one datagram per entry. A unix DATAGRAM socket, which Java 17's channels cannot
 * make and junixsocket can (as for sd_notify).
 *
 * <p>{@link #openInBackground} opens it on a thread of its own: junixsocket's native library takes about 60 ms
 * to load, which the agent's first lines (before READY=1) should not wait for. Until it is open,
 * {@link #ready()} is false and the caller writes elsewhere.
 */
public final class JournalSocket implements AutoCloseable {
  public static final Path SYSTEM = Path.of("/run/systemd/journal/socket");

  private final Path path;
  private final CompletableFuture<AFUNIXDatagramChannel> channel;
  private final AFUNIXSocketAddress target;

  private JournalSocket(Path path, CompletableFuture<AFUNIXDatagramChannel> channel) throws IOException {
    this.path = path;
    this.channel = channel;
    this.target = AFUNIXSocketAddress.of(path);
  }

  /** Opens the socket now, on this thread. */
  public static JournalSocket open(Path path) throws IOException {
    return new JournalSocket(path, CompletableFuture.completedFuture(AFUNIXDatagramChannel.open()));
  }

  public static JournalSocket openInBackground(Path path) {
    CompletableFuture<AFUNIXDatagramChannel> opening = new CompletableFuture<>();
    Thread opener = new Thread(() -> {
      try {
        opening.complete(AFUNIXDatagramChannel.open());
      } catch (IOException | RuntimeException | LinkageError e) {
        opening.completeExceptionally(e);
      }
    }, "podkeeper-journal-open");
    opener.setDaemon(true);
    opener.start();
    try {
      return new JournalSocket(path, opening);
    } catch (IOException e) {
      throw new IllegalStateException("the journal socket path " + path + " is not a unix socket address", e);
    }
  }

  /** Open and usable; false while it opens, and for good if it could not be opened. */
  public boolean ready() {
    return channel.isDone() && !channel.isCompletedExceptionally();
  }

  /** @throws IOException if the socket is not {@link #ready()} or journald does not take the datagram */
  public synchronized void send(JournalEntry entry) throws IOException {
    if (!ready()) {
      throw new IOException(this + " is not open");
    }
    channel.join().send(ByteBuffer.wrap(entry.encode()), target);
  }

  @Override
  public void close() throws IOException {
    if (ready()) {
      channel.join().close();
    }
  }

  @Override
  public String toString() {
    return "the journal socket " + path;
  }
}
