package dev.podkeeper.agent.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.podkeeper.agent.host.LocalHostFiles;
import dev.podkeeper.model.port.HostFiles;

/** The host's real file system. */
public final class HostModule extends AbstractModule {
  @Provides
  @Singleton
  HostFiles files() {
    return new LocalHostFiles();
  }
}
