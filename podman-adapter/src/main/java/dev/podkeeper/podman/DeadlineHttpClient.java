package dev.podkeeper.podman;

import static java.util.Objects.requireNonNull;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A deadline for each whole call, from request to closed response. docker-java's response timeout does not
 * work on a unix socket: its socket there is a JDK SocketChannel, whose stream ignores SO_TIMEOUT, so a hung
 * Podman would hold a call for ever. At the deadline the calling thread is interrupted, which closes that one
 * channel (SocketChannel is interruptible) and ends the call; it then fails with a
 * {@link SocketTimeoutException} that says how long it waited. Only the thread that made the call is ever
 * interrupted, and only while the call is open.
 */
final class DeadlineHttpClient implements DockerHttpClient {
  private final DockerHttpClient delegate;
  private final Duration deadline;
  private final ScheduledExecutorService timer;
  private final ThreadLocal<Duration> longer = new ThreadLocal<>();

  DeadlineHttpClient(DockerHttpClient delegate, Duration deadline, ScheduledExecutorService timer) {
    this.delegate = requireNonNull(delegate, "delegate is null");
    this.deadline = requireNonNull(deadline, "deadline is null");
    this.timer = requireNonNull(timer, "timer is null");
  }

  /** Runs {@code call} on this thread with a longer deadline for its requests (a stop that waits its timeout). */
  <T> T allowing(Duration limit, Supplier<T> call) {
    Duration before = longer.get();
    longer.set(limit.compareTo(deadline) > 0 ? limit : deadline);
    try {
      return call.get();
    } finally {
      longer.set(before);
    }
  }

  @Override
  public Response execute(Request request) {
    Duration limit = longer.get() == null ? deadline : longer.get();
    Guard guard = new Guard(Thread.currentThread(), limit);
    guard.armed = timer.schedule(guard::expire, limit.toNanos(), TimeUnit.NANOSECONDS);
    try {
      return new GuardedResponse(delegate.execute(request), guard);
    } catch (RuntimeException e) {
      guard.disarm();
      throw guard.expired() ? guard.timeout(e) : e;
    }
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }

  /** One call's deadline. */
  private static final class Guard {
    private final Thread caller;
    private final Duration limit;
    private ScheduledFuture<?> armed;
    private boolean done; // guarded by this
    private boolean expired; // guarded by this

    Guard(Thread caller, Duration limit) {
      this.caller = caller;
      this.limit = limit;
    }

    synchronized void expire() {
      if (!done) {
        expired = true;
        caller.interrupt();
      }
    }

    synchronized boolean expired() {
      return expired;
    }

    /** The call is over; an interrupt the deadline caused is not left for the caller's next wait. */
    void disarm() {
      boolean clear;
      synchronized (this) {
        done = true;
        clear = expired && Thread.currentThread() == caller;
      }
      if (armed != null) {
        armed.cancel(false);
      }
      if (clear) {
        Thread.interrupted();
      }
    }

    UncheckedIOException timeout(Exception cause) {
      SocketTimeoutException timeout = new SocketTimeoutException("did not answer within " + PodmanEngine.minutesOrSeconds(limit));
      timeout.initCause(cause);
      return new UncheckedIOException(timeout);
    }
  }

  private static final class GuardedResponse implements Response {
    private final Response response;
    private final Guard guard;

    GuardedResponse(Response response, Guard guard) {
      this.response = response;
      this.guard = guard;
    }

    @Override
    public int getStatusCode() {
      return response.getStatusCode();
    }

    @Override
    public Map<String, List<String>> getHeaders() {
      return response.getHeaders();
    }

    @Override
    public String getHeader(String name) {
      return response.getHeader(name);
    }

    @Override
    public InputStream getBody() {
      InputStream body = response.getBody();
      return body == null ? null : new FilterInputStream(body) {
        @Override
        public int read() throws IOException {
          try {
            return super.read();
          } catch (IOException e) {
            throw translated(e);
          }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          try {
            return super.read(b, off, len);
          } catch (IOException e) {
            throw translated(e);
          }
        }
      };
    }

    private IOException translated(IOException e) {
      return guard.expired() ? (IOException) guard.timeout(e).getCause() : e;
    }

    @Override
    public void close() {
      try {
        response.close();
      } finally {
        guard.disarm();
      }
    }
  }
}
