package dev.podkeeper.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A GET of {@code http://127.0.0.1:PORT/}, with a deadline: how a test sees that a published port serves. */
public final class LoopbackHttp {
  private LoopbackHttp() {}

  /** The test image's command serving TEXT on PORT for {@link #get}, ending at once on SIGTERM: a YAML flow list. */
  public static String serveCommand(String text, int port) {
    return String.format("[\"sh\", \"-c\", \"echo %s > /tmp/index.html; trap 'exit 0' TERM;"
        + " httpd -f -p %d -h /tmp & wait\"]", text, port);
  }

  public static String get(int port) throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(3)).build(),
        HttpResponse.BodyHandlers.ofString());
    return response.body();
  }
}
