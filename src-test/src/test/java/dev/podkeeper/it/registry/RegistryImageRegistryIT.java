package dev.podkeeper.it.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.it.PodmanEngineFixture;
import dev.podkeeper.model.image.ImageReference;
import dev.podkeeper.model.port.ImageRegistry;
import dev.podkeeper.model.port.ManifestCheck;
import dev.podkeeper.model.testing.FakeHostFiles;
import dev.podkeeper.model.testing.ImageRegistryContract;
import dev.podkeeper.model.testing.LoopbackPorts;
import dev.podkeeper.registry.HttpImageRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The image-registry contract against docker-registry 2.8.2 with images the private engine's Podman pushed. */
class RegistryImageRegistryIT extends ImageRegistryContract {
  private static final Path NO_AUTH_FILE = Path.of("/nonexistent/auth.json");
  private static PodmanEngineFixture.Engine engine;
  private static RegistryFixture fixture;
  private static HttpImageRegistry adapter;

  @BeforeAll
  static void startRegistry() {
    engine = PodmanEngineFixture.get();
    fixture = RegistryFixture.start("contract");
    adapter = newAdapter();
  }

  @AfterAll
  static void stopRegistry() throws Exception {
    adapter.close();
    fixture.close();
  }

  private static HttpImageRegistry newAdapter() {
    return new HttpImageRegistry(new FakeHostFiles(), NO_AUTH_FILE, Clock.systemUTC(), Duration.ofSeconds(2),
        Duration.ofSeconds(10));
  }

  @Override
  protected ImageRegistry registry() {
    return adapter;
  }

  @Override
  protected String registryHost() {
    return fixture.host();
  }

  @Override
  protected String publish(String repository, String tag, int version) {
    return fixture.push(engine, RegistryFixture.versionImage(engine, version), repository + ":" + tag);
  }

  @Override
  protected String unreachableHost() {
    return LoopbackPorts.freeAddress();
  }

  @Test
  void anUnchangedTagCostsOneHeadAndNoGet() {
    String repository = "contract/unchanged";
    publish(repository, "latest", 1);
    long headsBefore = fixture.manifestRequests("HEAD", repository);
    long getsBefore = fixture.manifestRequests("GET", repository);

    ManifestCheck check = adapter.manifestDigest(ImageReference.parse(fixture.host() + "/" + repository + ":latest")
        .orElseThrow());

    assertThat(check).isInstanceOf(ManifestCheck.Digest.class);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
        .until(() -> fixture.manifestRequests("HEAD", repository) == headsBefore + 1);
    assertThat(fixture.manifestRequests("GET", repository)).isEqualTo(getsBefore);
  }
}
