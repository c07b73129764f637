package dev.podkeeper.agent.wiring;

import com.google.inject.AbstractModule;
import java.time.Clock;

/** The wall clock, in its own module so that tests and the loop can bind another one instead. */
public final class ClockModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(Clock.class).toInstance(Clock.systemUTC());
  }
}
