package dev.podkeeper.podman;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The few calls of Podman's own (libpod) API that the Docker-compatible one lacks, made on the same
 * transport: the container list with start times, PIDs, namespaces and health; network create with
 * {@code dns_enabled}; the network list; running a health check; whether an image exists. And the compatible API's
 * container create (whose body {@link ContainerCreation} writes as a tree) and start, the calls of a converge from
 * empty: made here, they spare a fresh process docker-java's request path and the bean bindings it builds.
 */
final class LibpodClient {
  /** Podman 4.0 and later answer these prefixes: Podman's own API, and its Docker-compatible one. */
  private static final String PREFIX = "/v4.0.0/libpod";
  private static final String COMPAT_PREFIX = "/v4.0.0";

  private final DockerHttpClient http;
  private final ObjectMapper json;

  LibpodClient(DockerHttpClient http, ObjectMapper json) {
    this.http = http;
    this.json = json;
  }

  /** Every container, without their namespaces (see {@link NetworkNamespaces}), each entry read as it arrives. */
  <T> List<T> listContainers(Function<JsonNode, T> entry) {
    return callForArray("/containers/json?all=true", entry);
  }

  /** The list's entries of the containers with these IDs alone (Podman's {@code id} filter), with namespaces. */
  <T> List<T> listContainers(List<String> ids, Function<JsonNode, T> entry) {
    String quoted = ids.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(","));
    return callForArray("/containers/json?all=true&namespace=true&filters=" + encode("{\"id\":[" + quoted + "]}"), entry);
  }

  JsonNode inspectContainer(String id) {
    return call("GET", "/containers/" + encode(id) + "/json", null);
  }

  JsonNode listNetworks() {
    return call("GET", "/networks/json", null);
  }

  JsonNode createNetwork(JsonNode body) {
    return call("POST", "/networks/create", body);
  }

  JsonNode runHealthCheck(String id) {
    return call("GET", "/containers/" + encode(id) + "/healthcheck", null);
  }

  /** Only Podman's own network inspect says whether DNS is enabled. */
  JsonNode inspectNetwork(String nameOrId) {
    return call("GET", "/networks/" + encode(nameOrId) + "/json", null);
  }

  /**
   * The Docker-compatible container inspect, as JSON: it keeps the entrypoint as a list (Podman's own joins
   * it) and has fields docker-java's model drops ({@code StopTimeout}, a mount's {@code Type}).
   */
  JsonNode inspectContainerCompat(String idOrName) {
    return call(COMPAT_PREFIX, "GET", "/containers/" + encode(idOrName) + "/json", null);
  }

  /** The Docker-compatible create; its answer holds the new container's {@code Id}. */
  JsonNode createContainerCompat(String name, JsonNode body) {
    return call(COMPAT_PREFIX, "POST", "/containers/create?name=" + encode(name), body);
  }

  /** The compatible start: 204 once started, 304 (a {@link LibpodException}) if it was running already. */
  void startContainerCompat(String id) {
    call(COMPAT_PREFIX, "POST", "/containers/" + encode(id) + "/start", null);
  }

  /** Answered 204 if the engine has the image, 404 (a {@link LibpodException}) if not. */
  void imageExists(String image) {
    call("GET", "/images/" + encode(image) + "/exists", null);
  }

  JsonNode inspectImageCompat(String image) {
    return call(COMPAT_PREFIX, "GET", "/images/" + encode(image) + "/json", null);
  }

  private JsonNode call(String method, String path, JsonNode body) {
    return call(PREFIX, method, path, body);
  }

  private JsonNode call(String prefix, String method, String path, JsonNode body) {
    Request.Builder request = Request.builder().method(method).path(prefix + path);
    if (body != null) {
      request.putHeader("Content-Type", "application/json");
      request.bodyBytes(toBytes(body));
    }
    try (Response response = http.execute(request.build()); InputStream in = response.getBody()) {
      byte[] bytes = in == null ? new byte[0] : in.readAllBytes();
      if (response.getStatusCode() / 100 != 2) {
        throw failure(response, bytes);
      }
      return bytes.length == 0 ? json.nullNode() : json.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A GET answered with a JSON array (a list), read one element at a time as it arrives ({@link JsonArrays}). */
  private <T> List<T> callForArray(String path, Function<JsonNode, T> element) {
    Request request = Request.builder().method("GET").path(PREFIX + path).build();
    try (Response response = http.execute(request); InputStream in = response.getBody()) {
      if (response.getStatusCode() / 100 != 2) {
        throw failure(response, in == null ? new byte[0] : in.readAllBytes());
      }
      if (in == null) {
        throw new IOException("the answer to GET " + path + " has no body");
      }
      return JsonArrays.read(json, in, element);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An error answer, with Podman's own message from its {@code body}. */
  private static LibpodException failure(Response response, byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    return new LibpodException(response.getStatusCode(), EngineErrors.messageOf(text).orElse(text.strip()));
  }

  private byte[] toBytes(JsonNode body) {
    try {
      return json.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8);
  }

  /** A libpod call answered with an error status; the message is Podman's own. */
  static final class LibpodException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    LibpodException(int status, String message) {
      super(message);
      this.status = status;
    }

    int status() {
      return status;
    }
  }
}
