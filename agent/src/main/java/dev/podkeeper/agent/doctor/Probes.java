package dev.podkeeper.agent.doctor;

import static java.util.Objects.requireNonNull;

/** Reaching a service as a client would, each try with a deadline: a TCP connect, and an HTTP GET. */
public interface Probes {
  /** How a try ended: answered (with the HTTP status, or 0 for a bare connect), or why not. */
  record Answer(boolean answered, int status, String why) {
    public Answer {
      requireNonNull(why, "why is null");
    }

    public static Answer answered(int status) {
      return new Answer(true, status, "");
    }

    public static Answer refused() {
      return new Answer(false, 0, "connection refused");
    }

    public static Answer failed(String why) {
      return new Answer(false, 0, why);
    }

    public boolean refusedConnection() {
      return !answered && why.equals("connection refused");
    }
  }

  Answer connect(String host, int port);

  /** @param address {@code HOST:PORT}, as a route's upstream is written */
  Answer get(String address, String path);
}
