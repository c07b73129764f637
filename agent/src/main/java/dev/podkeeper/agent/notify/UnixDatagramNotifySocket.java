package dev.podkeeper.agent.notify;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * sd_notify without libsystemd: a unix DATAGRAM socket (which Java 17's channels cannot make; junixsocket
 * can) sending to a path, or to an abstract-namespace name when the address starts with '@', exactly as
 * sd_notify(3) reads {@code $NOTIFY_SOCKET}. The kernel attaches our PID, which systemd checks against
 * NotifyAccess=main.
 */
final class UnixDatagramNotifySocket implements NotifySocket {
  private final AFUNIXDatagramChannel channel;
  private final AFUNIXSocketAddress target;

  private UnixDatagramNotifySocket(AFUNIXDatagramChannel channel, AFUNIXSocketAddress target) {
    this.channel = channel;
    this.target = target;
  }

  static UnixDatagramNotifySocket open(String address) throws IOException {
    AFUNIXSocketAddress target;
    if (address.startsWith("@")) {
      target = AFUNIXSocketAddress.inAbstractNamespace(address.substring(1));
    } else if (address.startsWith("/")) {
      target = AFUNIXSocketAddress.of(Path.of(address));
    } else {
      throw new IOException("NOTIFY_SOCKET=" + address + " is neither an absolute path nor an @abstract name");
    }
    return new UnixDatagramNotifySocket(AFUNIXDatagramChannel.open(), target);
  }

  @Override
  public synchronized void send(String message) throws IOException {
    // A channel, not a DatagramSocket: java.net.DatagramPacket rejects addresses that are not IP ones.
    channel.send(ByteBuffer.wrap(message.getBytes(UTF_8)), target);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  @Override
  public String toString() {
    return "NOTIFY_SOCKET " + target;
  }
}
