package dev.podkeeper.it;

import java.net.URI;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.dockerclient.TransportConfig;

/**
 * Points Testcontainers at the tests' private Podman engine ({@link PodmanEngineFixture}), whose socket is
 * only known once this JVM has started it, so neither {@code DOCKER_HOST} nor a properties file can name it.
 * Found through {@code META-INF/services}; it outranks every built-in strategy and is never written to
 * {@code ~/.testcontainers.properties}, so a developer's own Docker or Podman is never used or changed.
 */
public final class PrivateEngineStrategy extends DockerClientProviderStrategy {
  @Override
  public TransportConfig getTransportConfig() {
    return TransportConfig.builder().dockerHost(URI.create(PodmanEngineFixture.get().socket())).build();
  }

  @Override
  public String getDescription() {
    return "the tests' private Podman engine (scripts/podman-engine.sh)";
  }

  @Override
  protected boolean isApplicable() {
    return true;
  }

  @Override
  protected boolean isPersistable() {
    return false;
  }

  @Override
  public boolean allowUserOverrides() {
    return false;
  }

  @Override
  protected int getPriority() {
    return Integer.MAX_VALUE;
  }
}
