package dev.podkeeper.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.model.image.ImageReference;
import dev.podkeeper.model.port.FailureKind;
import dev.podkeeper.model.port.ManifestCheck;
import dev.podkeeper.model.testing.FakeHostFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The adapter against {@link InJvmRegistry}: what docker-registry cannot easily be made to answer. */
class HttpImageRegistryTest {
  private static final String DIGEST = "sha256:" + "ab".repeat(32);
  private static final Path AUTH_FILE = Path.of("/run/containers/0/auth.json");
  private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

  private final InJvmRegistry server = new InJvmRegistry();
  private final FakeHostFiles files = new FakeHostFiles();
  private HttpImageRegistry registry = registryAt(NOW);

  @AfterEach
  void stop() throws Exception {
    registry.close();
    server.close();
  }

  private HttpImageRegistry registryAt(Instant now) {
    return new HttpImageRegistry(files, AUTH_FILE, Clock.fixed(now, ZoneOffset.UTC), Duration.ofSeconds(2),
        Duration.ofSeconds(5));
  }

  private ImageReference reference(String repositoryAndTag) {
    return ImageReference.parse(server.host() + "/" + repositoryAndTag).orElseThrow();
  }

  @Test
  void aHeadWithEveryManifestTypeGivesTheDigestHeader() {
    server.tag("team/app:latest", DIGEST);

    assertThat(registry.manifestDigest(reference("team/app:latest"))).isEqualTo(new ManifestCheck.Digest(DIGEST));
    assertThat(server.requests()).singleElement().satisfies(r -> {
      assertThat(r.method()).isEqualTo("HEAD");
      assertThat(r.path()).isEqualTo("/v2/team/app/manifests/latest");
      assertThat(r.accept()).contains("application/vnd.oci.image.index.v1+json",
          "application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json",
          "application/vnd.docker.distribution.manifest.v2+json");
      assertThat(r.authorization()).isNull();
    });
  }

  @Test
  void aBearerChallengeIsMetWithATokenForTheEnginesLoginAndTheTokenIsKept() {
    String login = Base64.getEncoder().encodeToString("me:secret".getBytes(StandardCharsets.UTF_8));
    files.withFile(AUTH_FILE, "{\"auths\": {\"" + server.host() + "\": {\"auth\": \"" + login + "\"}}}");
    server.tag("team/app:latest", DIGEST).requireToken(login);

    ManifestCheck first = registry.manifestDigest(reference("team/app:latest"));
    ManifestCheck second = registry.manifestDigest(reference("team/app:latest"));

    assertThat(first).isEqualTo(new ManifestCheck.Digest(DIGEST));
    assertThat(second).isEqualTo(first);
    // 401, token, HEAD with the token; then the kept token: one HEAD.
    assertThat(server.count("HEAD", "/v2/")).isEqualTo(3);
    assertThat(server.count("GET", "/token")).isEqualTo(1);
    assertThat(server.requests().get(1).path()).contains("scope=repository%3Ateam%2Fapp%3Apull", "service=in-jvm");
    assertThat(server.requests().get(2).authorization()).isEqualTo("Bearer " + InJvmRegistry.TOKEN);
  }

  @Test
  void aChallengeWithoutALoginIsAPermanentFailureThatSaysWhatToDo() {
    server.tag("team/app:latest", DIGEST).requireToken("bWU6c2VjcmV0");

    assertThat(registry.manifestDigest(reference("team/app:latest")))
        .isInstanceOfSatisfying(ManifestCheck.Failed.class, failed -> {
          assertThat(failed.kind()).isEqualTo(FailureKind.PERMANENT);
          assertThat(failed.reason()).startsWith("unauthorized (HTTP 401)").contains("podman login " + server.host());
        });
  }

  @Test
  void anUnknownTagIsAPermanentFailure() {
    assertThat(registry.manifestDigest(reference("team/app:nope")))
        .isEqualTo(new ManifestCheck.Failed("manifest unknown (HTTP 404): no such tag or repository", FailureKind.PERMANENT));
  }

  @Test
  void aTooManyRequestsAnswerStopsRequestsToThatHostUntilRetryAfter() {
    server.tag("team/app:latest", DIGEST).rateLimit("120");

    ManifestCheck limited = registry.manifestDigest(reference("team/app:latest"));
    ManifestCheck again = registry.manifestDigest(reference("team/other:latest"));

    assertThat(limited).isEqualTo(new ManifestCheck.RateLimited(NOW.plusSeconds(120)));
    assertThat(again).isEqualTo(limited);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void aRetryAfterDateIsHonouredToo() {
    server.rateLimit("Wed, 02 Dec 2026 12:10:00 GMT");

    assertThat(registry.manifestDigest(reference("team/app:latest")))
        .isEqualTo(new ManifestCheck.RateLimited(Instant.parse("2026-12-02T12:10:00Z")));
  }

  @Test
  void anAnswerWithoutTheDigestHeaderIsAFailureNotUpToDate() {
    server.tag("team/app:latest", DIGEST).omitDigestHeader();

    assertThat(registry.manifestDigest(reference("team/app:latest")))
        .isInstanceOfSatisfying(ManifestCheck.Failed.class,
            failed -> assertThat(failed.reason()).contains("without a Docker-Content-Digest header"));
  }

  @Test
  void nothingListeningIsATransientFailure() throws Exception {
    int port = dev.podkeeper.model.testing.LoopbackPorts.free();

    assertThat(registry.manifestDigest(ImageReference.parse("127.0.0.1:" + port + "/a:latest").orElseThrow()))
        .isInstanceOfSatisfying(ManifestCheck.Failed.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.TRANSIENT));
  }

  @Test
  void dockerHubIsAskedAtItsApiHostAndOtherHostsOverHttps() {
    assertThat(RegistryApi.of("docker.io").manifest("library/nginx", "latest").toString())
        .isEqualTo("https://registry-1.docker.io/v2/library/nginx/manifests/latest");
    assertThat(RegistryApi.of("ghcr.io").scheme()).isEqualTo("https");
    assertThat(RegistryApi.of("localhost:5000").scheme()).isEqualTo("http");
    assertThat(RegistryApi.of("[::1]:5000").scheme()).isEqualTo("http");
  }
}
