package dev.podkeeper.podman;

import com.github.dockerjava.transport.SSLConfig;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The TLS context of a client that talks over a unix socket, where TLS never happens. Without one, docker-java's
 * transport builds the JVM's default TLS context: it reads and parses the whole CA trust store, a tenth of a
 * second of the agent's start, for a socket that never uses it. Every use of this one fails loudly.
 *
 * <p>Only for {@code unix://} engines: given a context, the transport speaks https to {@code tcp://} ones.
 */
final class NoTlsContext {
  private NoTlsContext() {}

  static SSLConfig config() {
    SSLContext refusing = new SSLContext(new RefusingSpi(), null, "none") {};
    return () -> refusing;
  }

  private static final class RefusingSpi extends SSLContextSpi {
    private static UnsupportedOperationException refused() {
      return new UnsupportedOperationException("TLS over a unix socket: the Podman API socket is plain HTTP");
    }

    @Override
    protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random) {
      throw refused();
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      throw refused();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      throw refused();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      throw refused();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      throw refused();
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      throw refused();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      throw refused();
    }
  }
}
