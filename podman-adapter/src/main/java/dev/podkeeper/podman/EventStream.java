package dev.podkeeper.podman;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import dev.podkeeper.model.port.EngineEvent;
import dev.podkeeper.model.port.EngineEventListener;
import dev.podkeeper.model.port.EngineException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscription to Podman's own event stream ({@code GET /libpod/events}, container, network and image events),
 * read on a thread of its own over an HTTP client of its own. Podman's own stream, not the Docker-compatible
 * one, because only it carries the health status of {@code health_status} events.
 *
 * <p>Either {@link #open} throws (Podman did not answer within the start timeout: the listener hears
 * nothing, ever) or it returns and {@link EngineEventListener#onClosed} is called exactly once later: with
 * null after {@link #close}, with the cause when the stream fails or the engine ends it. No event reaches
 * the listener once {@link #close} has returned.
 */
final class EventStream implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventStream.class);
  // {"type":["container","network","image"]}, URL-encoded
  private static final String PATH = "/v4.0.0/libpod/events?stream=true&filters="
      + "%7B%22type%22%3A%5B%22container%22%2C%22network%22%2C%22image%22%5D%7D";

  private final DockerHttpClient http;
  private final ObjectMapper json;
  private final EngineEventListener listener;
  private final String socket;
  private final AtomicReference<Response> response = new AtomicReference<>();
  private final AtomicBoolean closedOnPurpose = new AtomicBoolean();
  private final AtomicBoolean reported = new AtomicBoolean();
  private final CountDownLatch started = new CountDownLatch(1);
  /** Held while an event is handed over, so that close() returns only once no delivery is under way. */
  private final Object delivery = new Object();

  /** @param http the stream's own client, without a response timeout; closed when the stream ends */
  private EventStream(DockerHttpClient http, ObjectMapper json, EngineEventListener listener, String socket) {
    this.http = http;
    this.json = json;
    this.listener = listener;
    this.socket = socket;
  }

  /**
   * Opens the stream and returns once Podman has answered (it sends its headers when it watches, before
   * any event), so that events caused after this returns are not missed.
   */
  static EventStream open(DockerHttpClient http, ObjectMapper json, EngineEventListener listener, String socket,
      Duration startTimeout) {
    EventStream stream = new EventStream(http, json, listener, socket);
    Thread reader = new Thread(stream::read, "podman-events");
    reader.setDaemon(true);
    reader.start();
    stream.awaitStarted(startTimeout);
    return stream;
  }

  private void read() {
    Request request = Request.builder().method("GET").path(PATH).build();
    try (Response r = http.execute(request)) {
      response.set(r);
      if (r.getStatusCode() != 200) {
        String body = new String(r.getBody().readAllBytes(), StandardCharsets.UTF_8);
        throw new EngineException("subscribe to events of Podman at " + socket + ": Podman says: "
            + EngineErrors.messageOf(body).orElse(body.strip()));
      }
      started.countDown();
      if (closedOnPurpose.get()) {
        return;
      }
      try (MappingIterator<JsonNode> events = json.readerFor(JsonNode.class).readValues(r.getBody())) {
        while (!closedOnPurpose.get() && events.hasNextValue()) {
          deliver(events.nextValue());
        }
      }
      report(closedOnPurpose.get() ? null
          : new EngineException("event stream from Podman at " + socket + " ended (was the service restarted?)"));
    } catch (EngineException e) {
      report(closedOnPurpose.get() ? null : e);
    } catch (IOException | RuntimeException e) {
      report(closedOnPurpose.get() ? null
          : new EngineException("event stream from Podman at " + socket + " failed: "
              + EngineErrors.engineWords(e), e));
    }
  }

  private void deliver(JsonNode node) {
    EngineEvent event = map(node);
    if (event == null) {
      return;
    }
    synchronized (delivery) {
      if (closedOnPurpose.get()) {
        return;
      }
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        // A listener bug must not end the stream: events are hints, the next list is the truth.
        log.warn("event listener failed on {} {} {}", event.type(), event.action(), event.id(), e);
      }
    }
  }

  /** Throws, and reports nothing to the listener, when Podman did not answer in time. */
  private void awaitStarted(Duration timeout) {
    String failure;
    InterruptedException interrupted = null;
    try {
      if (started.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return;
      }
      failure = "Podman did not answer within " + timeout.toSeconds() + " s (is the service hung?)";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      interrupted = e;
      failure = "interrupted";
    }
    if (!reported.compareAndSet(false, true)) {
      return; // the stream failed just then, and said so to the listener: that is its one report
    }
    closedOnPurpose.set(true);
    closeResponse();
    closeQuietly(http);
    throw new EngineException("subscribe to events of Podman at " + socket + ": " + failure, interrupted);
  }

  @Override
  public void close() {
    synchronized (delivery) {
      closedOnPurpose.set(true);
    }
    closeResponse();
    report(null);
  }

  private void closeResponse() {
    Response r = response.get();
    if (r != null) {
      closeQuietly(r);
    }
  }

  private void report(Throwable cause) {
    if (reported.compareAndSet(false, true)) {
      closeQuietly(http);
      try {
        listener.onClosed(cause);
      } finally {
        // After onClosed: a subscription that failed at once has been reported when subscribeEvents returns.
        started.countDown();
      }
    }
  }

  /**
   * Podman 4.3's event: {@code Type}, {@code Action} (also in {@code status}), {@code Actor.ID},
   * {@code Actor.Attributes} (name, image, the container's labels, ...), {@code timeNano}, and for
   * {@code health_status} a top-level {@code HealthStatus}, passed on as attribute {@code health_status}.
   * Network events are only connect/disconnect, with the container's ID and name. Image events name the image
   * in {@code name}: {@code tag} and {@code pull} the name given, {@code build} only the new image's ID (its
   * {@code Actor.ID} is empty, as is the tag it got). A container's end is
   * "died" there; it is passed on as "die", the Docker-compatible name, as Podman's compatible stream does.
   */
  static EngineEvent map(JsonNode e) {
    String type = text(e, "Type");
    String action = text(e, "Action");
    if (action == null) {
      action = text(e, "status");
    }
    JsonNode actor = e.path("Actor");
    String id = text(actor, "ID");
    if (id == null) {
      id = text(e, "id");
    }
    if (type == null || action == null || id == null) {
      return null;
    }
    Map<String, String> attributes = ContainerListParser.labels(actor.get("Attributes"));
    String health = text(e, "HealthStatus");
    if (health != null && !health.isEmpty()) {
      attributes.put("health_status", health);
    }
    if (action.equals("died")) {
      // Podman's own stream says "died" where the Docker-compatible one (and Docker) says "die", with exitCode.
      action = "die";
      String exitCode = attributes.get("containerExitCode");
      if (exitCode != null) {
        attributes.putIfAbsent("exitCode", exitCode);
      }
    }
    long nanos = e.path("timeNano").asLong(0);
    Instant time = nanos > 0 ? Instant.ofEpochSecond(0, nanos) : Instant.ofEpochSecond(e.path("time").asLong(0));
    return new EngineEvent(type, action, id, attributes, time);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException | RuntimeException ignored) {
      // closing a dead stream
    }
  }
}
