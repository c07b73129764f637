package dev.podkeeper.agent.notify;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * sd_notify without libsystemd: a unix DATAGRAM socket (which Java 17's channels cannot make; junixsocket
 * can) sending to a path, or to an abstract-namespace name when the address starts with '@', exactly as
 * sd_notify(3) reads {@code $NOTIFY_SOCKET}. The kernel attaches our PID, which systemd checks against
 * NotifyAccess=main.
 *
 * <p>The channel is opened on a thread of its own: junixsocket loads its native library on first use, about
 * 60 ms that need not hold up the agent's start, since the first message (READY=1) comes only after the first
 * pass. A message sent earlier waits for it.
 */
final class UnixDatagramNotifySocket implements NotifySocket {
  private final String address;
  private final FutureTask<Channel> opening;

  private record Channel(AFUNIXDatagramChannel channel, AFUNIXSocketAddress target) {}

  private UnixDatagramNotifySocket(String address) {
    this.address = address;
    this.opening = new FutureTask<>(() -> new Channel(AFUNIXDatagramChannel.open(), target(address)));
    Thread opener = new Thread(opening, "podkeeper-notify-open");
    opener.setDaemon(true);
    opener.start();
  }

  /** @throws IOException at once when the address is neither an absolute path nor an @abstract name */
  static UnixDatagramNotifySocket open(String address) throws IOException {
    if (!address.startsWith("@") && !address.startsWith("/")) {
      throw new IOException("NOTIFY_SOCKET=" + address + " is neither an absolute path nor an @abstract name");
    }
    return new UnixDatagramNotifySocket(address);
  }

  private static AFUNIXSocketAddress target(String address) throws IOException {
    return address.startsWith("@")
        ? AFUNIXSocketAddress.inAbstractNamespace(address.substring(1))
        : AFUNIXSocketAddress.of(Path.of(address));
  }

  @Override
  public synchronized void send(String message) throws IOException {
    Channel opened = opened();
    // A channel, not a DatagramSocket: java.net.DatagramPacket rejects addresses that are not IP ones.
    opened.channel().send(ByteBuffer.wrap(message.getBytes(UTF_8)), opened.target());
  }

  @Override
  public void close() throws IOException {
    Channel opened;
    try {
      opened = opened();
    } catch (IOException e) {
      return; // never opened (ServiceNotifier has said why at the first message): nothing to close
    }
    opened.channel().close();
  }

  private Channel opened() throws IOException {
    try {
      return opening.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while opening " + this);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException("opening " + this, e.getCause());
    }
  }

  @Override
  public String toString() {
    return "NOTIFY_SOCKET " + address;
  }
}
