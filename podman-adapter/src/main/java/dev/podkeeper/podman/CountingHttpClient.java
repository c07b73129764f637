package dev.podkeeper.podman;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/** Counts every HTTP call to the engine, so a benchmark can check that a converged pass costs a constant number. */
final class CountingHttpClient implements DockerHttpClient {
  private final DockerHttpClient delegate;
  private final AtomicLong calls;

  CountingHttpClient(DockerHttpClient delegate, AtomicLong calls) {
    this.delegate = delegate;
    this.calls = calls;
  }

  @Override
  public Response execute(Request request) {
    calls.incrementAndGet();
    return delegate.execute(request);
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
