package dev.podkeeper.model.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.model.image.ImageReference;
import dev.podkeeper.model.port.FailureKind;
import dev.podkeeper.model.port.ImageRegistry;
import dev.podkeeper.model.port.ManifestCheck;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FakeImageRegistryContractTest extends ImageRegistryContract {
  private static final String HOST = "registry.test";
  private static final String DOWN = "down.test";
  private final FakeImageRegistry fake = new FakeImageRegistry();

  @Override
  protected ImageRegistry registry() {
    return fake;
  }

  @Override
  protected String registryHost() {
    return HOST;
  }

  @Override
  protected String publish(String repository, String tag, int version) {
    String digest = "sha256:" + String.valueOf(version).repeat(64);
    fake.publish(HOST + "/" + repository + ":" + tag, digest);
    return digest;
  }

  @Override
  protected String unreachableHost() {
    fake.answerFor(DOWN, new ManifestCheck.Failed("connection refused", FailureKind.TRANSIENT));
    return DOWN;
  }

  @Test
  void aRateLimitedHostIsNotAskedUntilTheLimitEnds() {
    fake.answerFor(HOST, new ManifestCheck.RateLimited(Instant.now().plusSeconds(60)));

    ManifestCheck answer = fake.manifestDigest(ImageReference.parse(HOST + "/a:latest").orElseThrow());

    assertThat(answer).isInstanceOf(ManifestCheck.RateLimited.class);
    assertThat(fake.requests()).isZero();
  }
}
