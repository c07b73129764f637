package dev.podkeeper.agent.plan;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.plan.RemovalPlanner.Removals;
import java.util.Map;

/**
 * The actions planned before the containers, that containers may have to wait for.
 *
 * @param networks create action by network name
 * @param envFiles write action by env file name
 * @param units last action by unit name
 */
record Prerequisites(Removals removals, Map<String, String> networks, PathActions paths, Map<String, String> envFiles,
    Map<String, String> units) {
  Prerequisites {
    requireNonNull(removals, "removals is null");
    networks = Map.copyOf(networks);
    requireNonNull(paths, "paths is null");
    envFiles = Map.copyOf(envFiles);
    units = Map.copyOf(units);
  }
}
