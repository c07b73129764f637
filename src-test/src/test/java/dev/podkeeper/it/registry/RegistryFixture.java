package dev.podkeeper.it.registry;

import static org.awaitility.Awaitility.await;

import dev.podkeeper.it.PodmanEngineFixture;
import dev.podkeeper.it.RepoScripts;
import dev.podkeeper.it.TestProcesses;
import dev.podkeeper.model.testing.LoopbackPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A registry of the test's own: Debian's {@code docker-registry} (distribution 2.8.2) on a free loopback port,
 * its config, storage and access log in the test's directory, stopped by its pid. Images are pushed by the
 * private engine's podman CLI with {@code --tls-verify=false}; the access log says what each client asked.
 */
public final class RegistryFixture implements AutoCloseable {
  private static final Path BINARY = Path.of("/usr/bin/docker-registry");
  private static final Duration START_WAIT = Duration.ofSeconds(20);

  private final Path dir;
  private final String host;
  private final Process registry;

  private RegistryFixture(Path dir) {
    this.dir = dir;
    this.host = LoopbackPorts.freeAddress();
    Path config = dir.resolve("config.yml");
    write(config, """
        version: 0.1
        log:
          level: warn
          accesslog:
            disabled: false
        storage:
          filesystem:
            rootdirectory: %s
          delete:
            enabled: true
        http:
          addr: %s
        """.formatted(dir.resolve("storage"), host));
    try {
      registry = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + BINARY + " (apt-get install docker-registry)", e);
    }
    await().atMost(START_WAIT).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
      HttpURLConnection c = (HttpURLConnection) URI.create("http://" + host + "/v2/").toURL().openConnection();
      c.setConnectTimeout(1000);
      c.setReadTimeout(1000);
      return c.getResponseCode() == 200;
    });
  }

  public static RegistryFixture start(String name) {
    return new RegistryFixture(RepoScripts.newEngineDirectory("registry-" + name + "-"));
  }

  /** {@code 127.0.0.1:PORT}, the registry part of references to it. */
  public String host() {
    return host;
  }

  /**
   * A local image of the engine that differs from the test image and from every other version by a label
   * (so by digest): {@code localhost/podkeeper-update-test:v<version>}, built once.
   */
  public static String versionImage(PodmanEngineFixture.Engine engine, int version) {
    return build(engine, version, "");
  }

  /** A version image whose command exits with code 1 at once, as a broken release does. */
  public static String crashingVersionImage(PodmanEngineFixture.Engine engine, int version) {
    return build(engine, version, "CMD [\"/bin/sh\", \"-c\", \"exit 1\"]\n");
  }

  /**
   * A version image that runs, but whose environment says {@code PODKEEPER_TEST_HEALTH=failing}: a health check
   * {@code test "$PODKEEPER_TEST_HEALTH" != failing} fails in it, as that of a broken release does.
   */
  public static String unhealthyVersionImage(PodmanEngineFixture.Engine engine, int version) {
    return build(engine, version, "ENV PODKEEPER_TEST_HEALTH=failing\n");
  }

  private static String build(PodmanEngineFixture.Engine engine, int version, String moreLines) {
    String image = "localhost/podkeeper-update-test:v" + version;
    Path context = engine.dir().resolve("build-v" + version);
    write(context.resolve("Containerfile"),
        "FROM " + engine.image() + "\nLABEL dev.podkeeper.test.version=" + version + "\n" + moreLines);
    engine.podman("build", "--pull=never", "-q", "-t", image, context.toString());
    return image;
  }

  /**
   * Pushes the engine's local image as {@code host/repository:tag}; the digest the tag now names, read from the
   * registry's storage (its tag link file), not through its API.
   */
  public String push(PodmanEngineFixture.Engine engine, String localImage, String repositoryAndTag) {
    engine.podman("push", "--tls-verify=false", localImage, host + "/" + repositoryAndTag);
    int colon = repositoryAndTag.lastIndexOf(':');
    Path link = dir.resolve("storage/docker/registry/v2/repositories").resolve(repositoryAndTag.substring(0, colon))
        .resolve("_manifests/tags").resolve(repositoryAndTag.substring(colon + 1)).resolve("current/link");
    try {
      return Files.readString(link).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Requests of the access log with this method for this repository's manifests, e.g. HEAD or GET. */
  public long manifestRequests(String method, String repository) {
    Pattern line = Pattern.compile("\"" + method + " /v2/" + Pattern.quote(repository) + "/manifests/[^ ]+ HTTP");
    try {
      List<String> lines = Files.readAllLines(log());
      return lines.stream().filter(l -> line.matcher(l).find()).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path log() {
    return dir.resolve("registry.log");
  }

  @Override
  public void close() {
    TestProcesses.stop(registry);
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
