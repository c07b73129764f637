package dev.podkeeper.agent.host;

import com.sun.jna.LastErrorException;

/** An open file descriptor, closed once. */
final class Fd implements AutoCloseable {
  private final int number;
  private boolean closed;

  Fd(int number) {
    this.number = number;
  }

  int number() {
    if (closed) {
      throw new IllegalStateException("fd " + number + " is closed");
    }
    return number;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      try {
        Libc.close(number);
      } catch (LastErrorException e) {
        // Linux releases the descriptor even when close reports an error; nothing to retry.
      }
    }
  }
}
