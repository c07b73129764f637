package dev.podkeeper.agent.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import dev.podkeeper.model.port.HostFiles;
import dev.podkeeper.model.port.ImageRegistry;
import dev.podkeeper.registry.HttpImageRegistry;

/**
 * Image registries over their HTTP API, with the engine's logins (read through {@link HostFiles}). Without this
 * module no registry is asked and followed images show "not checked".
 */
public final class RegistryModule extends AbstractModule {
  @Override
  protected void configure() {
    OptionalBinder.newOptionalBinder(binder(), ImageRegistry.class).setBinding().to(HttpImageRegistry.class);
  }

  @Provides
  @Singleton
  HttpImageRegistry registry(HostFiles files) {
    return new HttpImageRegistry(files);
  }
}
