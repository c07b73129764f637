package dev.podkeeper.agent.metrics;

import dev.podkeeper.model.validate.FormatException;
import dev.podkeeper.model.validate.ListenAddress;
import java.net.InetAddress;

/**
 * Where {@code run --metrics} listens: a loopback {@code IP:PORT} only. The metrics name every container of
 * the stack and what went wrong with it; they are for a scraper on the same host (or behind a proxy that
 * adds authentication), never for the LAN.
 */
public record MetricsAddress(InetAddress address, int port) {
  public MetricsAddress {
    if (!address.isLoopbackAddress()) {
      throw new IllegalArgumentException(address.getHostAddress() + " is not a loopback address");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is out of range");
    }
  }

  /** {@code 127.0.0.1:9464} or {@code [::1]:9464}; anything else is refused with a message that says why. */
  public static MetricsAddress parse(String text) {
    ListenAddress listen;
    try {
      listen = ListenAddress.parse("--metrics", text);
    } catch (FormatException e) {
      throw new IllegalArgumentException("--metrics " + text + " is not IP:PORT; write e.g. 127.0.0.1:9464");
    }
    if (!listen.isLoopback()) {
      throw new IllegalArgumentException("--metrics " + text + " is not a loopback address; the metrics name the"
          + " stack's containers and failures, so they are served on 127.0.0.1 or [::1] only, e.g. 127.0.0.1:9464");
    }
    return new MetricsAddress(listen.address().orElseThrow(), listen.port());
  }

  @Override
  public String toString() {
    String host = address.getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
