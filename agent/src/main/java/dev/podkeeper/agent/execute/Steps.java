package dev.podkeeper.agent.execute;

import dev.podkeeper.agent.plan.ActionKind;
import dev.podkeeper.model.port.ContainerEngine;
import dev.podkeeper.model.port.HostFiles;
import dev.podkeeper.model.port.ReverseProxy;
import dev.podkeeper.model.port.UnitManager;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The step for each action kind. {@link ActionKind#REPORT_CLASH} has none: the planner fails it in advance. */
final class Steps {
  private final Map<ActionKind, Step> byKind = new EnumMap<>(ActionKind.class);

  Steps(ContainerEngine engine, UnitManager units, HostFiles files, ReverseProxy proxy, Clock clock, Sleeper sleeper,
      ExecutorOptions options, UpdateOutcomes outcomes) {
    ContainerCreator creator = new ContainerCreator(engine);
    UpdateGateRun gates = new UpdateGateRun(engine, creator,
        new UpdateHealthGate(engine, clock, sleeper, options.healthPoll()), outcomes);
    ImageUpdateRun updates = new ImageUpdateRun(engine, creator, gates, clock);
    byKind.put(ActionKind.CREATE_NETWORK, new CreateNetworkStep(engine));
    byKind.put(ActionKind.REMOVE_NETWORK, new RemoveNetworkStep(engine));
    byKind.put(ActionKind.ENSURE_DIRECTORY, new EnsureDirectoryStep(files));
    byKind.put(ActionKind.WRITE_ENV_FILE, new WriteEnvFileStep(files));
    byKind.put(ActionKind.UNIT_ENABLE, new UnitJobStep(units, UnitManager::enable));
    byKind.put(ActionKind.UNIT_DISABLE, new UnitJobStep(units, UnitManager::disable));
    byKind.put(ActionKind.UNIT_START, new UnitJobStep(units, UnitManager::start));
    byKind.put(ActionKind.UNIT_STOP, new UnitJobStep(units, UnitManager::stop));
    byKind.put(ActionKind.CREATE_CONTAINER, new CreateContainerStep(creator));
    byKind.put(ActionKind.RECREATE_CONTAINER, new RecreateContainerStep(creator, updates));
    byKind.put(ActionKind.START_CONTAINER, new StartContainerStep(engine));
    byKind.put(ActionKind.RESTART_CONTAINER, new RestartContainerStep(engine));
    byKind.put(ActionKind.REMOVE_CONTAINER, new RemoveContainerStep(engine));
    byKind.put(ActionKind.FINISH_UPDATE_GATE, new FinishUpdateGateStep(gates));
    byKind.put(ActionKind.AWAIT_HEALTHY, new AwaitHealthyStep(engine, clock, sleeper, options.healthPoll(),
        options.healthWaitLimit()));
    ProxyChangeStep proxyChange = new ProxyChangeStep(proxy);
    for (ActionKind kind : List.of(ActionKind.SITE_ADD, ActionKind.SITE_UPDATE, ActionKind.SITE_REMOVE,
        ActionKind.ROUTE_ADD, ActionKind.ROUTE_UPDATE, ActionKind.ROUTE_REMOVE)) {
      byKind.put(kind, proxyChange);
    }
  }

  Step forKind(ActionKind kind) {
    Step step = byKind.get(kind);
    if (step == null) {
      throw new IllegalStateException(kind.word() + " actions are never run; the planner presets their outcome");
    }
    return step;
  }
}
