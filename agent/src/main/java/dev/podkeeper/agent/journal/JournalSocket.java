package dev.podkeeper.agent.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * journald's native socket: one datagram per entry. A unix DATAGRAM socket, which Java 17's channels cannot
 * make and junixsocket can (as for sd_notify). Opened at the first entry, so that a process that never
 * writes to the journal never loads junixsocket's native library.
 */
public final class JournalSocket implements AutoCloseable {
  public static final Path SYSTEM = Path.of("/run/systemd/journal/socket");

  private final Path path;
  private AFUNIXDatagramChannel channel;
  private AFUNIXSocketAddress target;

  public JournalSocket(Path path) {
    this.path = path;
  }

  public synchronized void send(JournalEntry entry) throws IOException {
    if (channel == null) {
      target = AFUNIXSocketAddress.of(path);
      channel = AFUNIXDatagramChannel.open();
    }
    channel.send(ByteBuffer.wrap(entry.encode()), target);
  }

  @Override
  public synchronized void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }

  @Override
  public String toString() {
    return "the journal socket " + path;
  }
}
