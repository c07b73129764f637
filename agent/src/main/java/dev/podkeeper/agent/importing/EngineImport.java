package dev.podkeeper.agent.importing;

import dev.podkeeper.model.Labels;
import dev.podkeeper.model.desired.NetworkAttachment;
import dev.podkeeper.model.desired.NetworkSpec;
import dev.podkeeper.model.hash.SpecHasher;
import dev.podkeeper.model.observed.ContainerDetails;
import dev.podkeeper.model.observed.ImageDefaults;
import dev.podkeeper.model.observed.ObservedContainer;
import dev.podkeeper.model.observed.ObservedNetwork;
import dev.podkeeper.model.port.ContainerEngine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Reads the containers to import from the engine: one list, then one inspect per container, per distinct
 * image and per network. Containers of another podkeeper stack are left out (they are that stack's); the
 * namespace provider of a chosen container is always taken along, since the file must declare it.
 */
final class EngineImport {
  private final ContainerEngine engine;

  EngineImport(ContainerEngine engine) {
    this.engine = engine;
  }

  /**
   * @param all stopped containers too, not only running ones
   * @param chosen the container names to import; empty for all of them
   * @param envDir where the env files for secret-looking variables are expected, one per container
   */
  ImportedStack read(String stack, boolean all, Set<String> chosen, String envDir) {
    List<ObservedContainer> listed = engine.listContainers();
    List<String> notes = new ArrayList<>();
    Predicate<ObservedContainer> ours = c -> !c.labels().containsKey(Labels.STACK) || c.managedBy(stack);
    listed.stream().filter(c -> !ours.test(c) && (chosen.isEmpty() || chosen.contains(c.name())))
        .map(c -> c.name() + " is left out: it belongs to podkeeper stack " + c.labels().get(Labels.STACK))
        .forEach(notes::add);
    Map<String, ContainerDetails> byId = new LinkedHashMap<>();
    listed.stream().filter(ours)
        .filter(c -> all || c.running())
        .filter(c -> chosen.isEmpty() || chosen.contains(c.name()))
        .sorted(Comparator.comparing(ObservedContainer::name))
        .forEach(c -> byId.put(c.id(), engine.containerDetails(c.id())));
    takeProvidersAlong(byId);

    Map<String, ImageDefaults> images = new HashMap<>();
    Map<String, NetworkSpec> networks = new TreeMap<>();
    List<ImportedContainer> containers = new ArrayList<>();
    Map<String, ObservedNetwork> observedNetworks = new HashMap<>();
    engine.listNetworks().forEach(n -> observedNetworks.put(n.name(), n));
    for (ContainerDetails details : providersFirst(byId)) {
      NetworkAttachment network = network(details, byId, networks, observedNetworks, notes);
      ImageDefaults image = images.computeIfAbsent(details.image(), engine::imageDefaults);
      containers.add(ContainerImport.of(details, image, network, envDir + "/" + details.name() + ".env"));
    }
    return new ImportedStack(stack, networks, containers, notes);
  }

  private void takeProvidersAlong(Map<String, ContainerDetails> byId) {
    List<String> missing = byId.values().stream().flatMap(d -> d.namespaceProviderId().stream())
        .filter(id -> !byId.containsKey(id)).distinct().toList();
    while (!missing.isEmpty()) {
      missing.forEach(id -> byId.put(id, engine.containerDetails(id)));
      missing = byId.values().stream().flatMap(d -> d.namespaceProviderId().stream())
          .filter(id -> !byId.containsKey(id)).distinct().toList();
    }
  }

  /** By name, each provider right before the first of its members. */
  private static List<ContainerDetails> providersFirst(Map<String, ContainerDetails> byId) {
    List<ContainerDetails> ordered = new ArrayList<>();
    byId.values().stream().sorted(Comparator.comparing(ContainerDetails::name))
        .forEach(d -> addAfterProvider(d, byId, ordered));
    return ordered;
  }

  private static void addAfterProvider(ContainerDetails d, Map<String, ContainerDetails> byId,
      List<ContainerDetails> ordered) {
    if (ordered.contains(d)) {
      return;
    }
    d.namespaceProviderId().map(byId::get).filter(p -> p != d).ifPresent(p -> addAfterProvider(p, byId, ordered));
    ordered.add(d);
  }

  /** @param notes told when the network is one podkeeper will not take over */
  private NetworkAttachment network(ContainerDetails d, Map<String, ContainerDetails> byId,
      Map<String, NetworkSpec> networks, Map<String, ObservedNetwork> observed, List<String> notes) {
    if (d.namespaceProviderId().isPresent()) {
      return new NetworkAttachment.ContainerNamespace(byId.get(d.namespaceProviderId().get()).name());
    }
    if (d.networks().isEmpty() || d.networks().get(0).equals(NetworkAttachment.PodmanDefault.NAME)) {
      return new NetworkAttachment.PodmanDefault();
    }
    String name = d.networks().get(0);
    if (!networks.containsKey(name)) {
      Optional<ObservedNetwork> found = Optional.ofNullable(observed.get(name));
      networks.put(name, asWritten(engine.inspectNetwork(name), found));
      if (found.filter(n -> !n.labels().containsKey(Labels.STACK)).isPresent()) {
        notes.add("network " + name + " was made by hand, and podkeeper never takes over a network it did not make:"
            + " rename it here (with another subnet) and the adopted containers move to podkeeper's network");
      }
    }
    return new NetworkAttachment.Bridge(name);
  }

  /**
   * The network as its file would say it. Podman fills in a gateway (and a subnet) when none was given: for a
   * podkeeper-made network, the spec-hash label tells which of them the file had; otherwise a gateway that is
   * the subnet's first address (Podman's choice) is left out.
   */
  static NetworkSpec asWritten(NetworkSpec inspected, Optional<ObservedNetwork> observed) {
    NetworkSpec noGateway = new NetworkSpec(inspected.name(), inspected.subnet(), Optional.empty(), inspected.dns());
    NetworkSpec bare = new NetworkSpec(inspected.name(), Optional.empty(), Optional.empty(), inspected.dns());
    Optional<String> label = observed.flatMap(ObservedNetwork::specHash);
    if (label.isPresent()) {
      for (NetworkSpec candidate : List.of(noGateway, inspected, bare)) {
        if (SpecHasher.networkHash(candidate).equals(label.get())) {
          return candidate;
        }
      }
    }
    boolean podmansGateway = inspected.subnet().isPresent() && inspected.gateway()
        .filter(g -> g.equals(firstAddress(inspected.subnet().get()))).isPresent();
    return podmansGateway ? noGateway : inspected;
  }

  private static String firstAddress(String subnet) {
    String network = subnet.substring(0, subnet.indexOf('/'));
    int lastDot = network.lastIndexOf('.');
    return lastDot < 0 ? "" : network.substring(0, lastDot + 1) + (Integer.parseInt(network.substring(lastDot + 1)) + 1);
  }
}
