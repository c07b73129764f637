package dev.podkeeper.agent.doctor;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** {@link Probes} over the host's network stack, each try bounded by {@link #DEADLINE}. */
public final class NetworkProbes implements Probes {
  static final Duration DEADLINE = Duration.ofSeconds(3);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(DEADLINE)
      .followRedirects(HttpClient.Redirect.NEVER).build();

  @Override
  public Answer connect(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) DEADLINE.toMillis());
      return Answer.answered(0);
    } catch (ConnectException e) {
      return Answer.refused();
    } catch (SocketTimeoutException e) {
      return Answer.failed("no answer within " + DEADLINE.toSeconds() + " s");
    } catch (IOException e) {
      return Answer.failed(e.toString());
    }
  }

  @Override
  public Answer get(String address, String path) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address + path)).timeout(DEADLINE).GET().build();
    try {
      return Answer.answered(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
    } catch (HttpTimeoutException e) {
      return Answer.failed("no answer within " + DEADLINE.toSeconds() + " s");
    } catch (ConnectException e) {
      return Answer.refused();
    } catch (IOException e) {
      return e.getCause() instanceof ConnectException ? Answer.refused() : Answer.failed(e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Answer.failed("interrupted");
    }
  }
}
