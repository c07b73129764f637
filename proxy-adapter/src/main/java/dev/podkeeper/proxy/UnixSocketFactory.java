package dev.podkeeper.proxy;

import java.io.File;
import java.net.Proxy;
import java.net.Socket;
import java.nio.file.Path;
import org.apache.hc.client5.http.io.DetachedSocketFactory;
import org.newsclub.net.unix.AFUNIXSocketFactory;

/**
 * Sockets that connect to one unix socket file whatever host and port HttpClient asks for: junixsocket's
 * fixed-address factory, handed to HttpClient's connection operator in place of its TCP sockets.
 */
final class UnixSocketFactory implements DetachedSocketFactory {
  private final AFUNIXSocketFactory sockets;

  UnixSocketFactory(Path socketFile) {
    this.sockets = new AFUNIXSocketFactory.FactoryArg(new File(socketFile.toString()));
  }

  @Override
  public Socket create(Proxy socksProxy) throws java.io.IOException {
    return sockets.createSocket();
  }
}
