package dev.podkeeper.agent.notify;

import java.io.IOException;
import java.util.Map;

/**
 * Where sd_notify messages go: the datagram socket systemd names in {@code $NOTIFY_SOCKET}, or nowhere when
 * the agent was not started by systemd with {@code Type=notify}.
 */
public interface NotifySocket extends AutoCloseable {

  /** Sends one datagram of {@code KEY=VALUE} lines. */
  void send(String message) throws IOException;

  @Override
  default void close() throws IOException {}

  /** The socket {@code env} names, or a no-op one when {@code NOTIFY_SOCKET} is unset or empty. */
  static NotifySocket fromEnvironment(Map<String, String> env) throws IOException {
    String address = env.getOrDefault("NOTIFY_SOCKET", "");
    return address.isEmpty() ? message -> { } : UnixDatagramNotifySocket.open(address);
  }
}
