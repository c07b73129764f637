package dev.podkeeper.agent.metrics;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import dev.podkeeper.agent.loop.PassListener;
import dev.podkeeper.agent.update.UpdateEvents;
import dev.podkeeper.agent.status.StatusBoard;
import java.time.Clock;

/** {@code run --metrics ADDRESS}, on top of the agent's loop module: the metrics, told of every pass, and their server. */
public final class MetricsModule extends AbstractModule {
  private final MetricsAddress address;

  public MetricsModule(MetricsAddress address) {
    this.address = requireNonNull(address, "address is null");
  }

  @Override
  protected void configure() {
    Multibinder.newSetBinder(binder(), PassListener.class).addBinding().to(AgentMetrics.class);
    OptionalBinder.newOptionalBinder(binder(), UpdateEvents.class).setBinding().to(AgentMetrics.class);
  }

  @Provides @Singleton
  AgentMetrics metrics(StatusBoard board, Clock clock) {
    return new AgentMetrics(board, clock);
  }

  @Provides @Singleton
  MetricsServer server(AgentMetrics metrics) {
    return new MetricsServer(address, metrics);
  }
}
