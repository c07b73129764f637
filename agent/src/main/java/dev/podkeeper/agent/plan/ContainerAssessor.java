package dev.podkeeper.agent.plan;

import dev.podkeeper.agent.plan.ContainerVerdict.Kind;
import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.NetworkAttachment;
import dev.podkeeper.model.desired.RestartPolicy;
import dev.podkeeper.model.graph.DependencyGraph;
import dev.podkeeper.model.observed.ContainerStatus;
import dev.podkeeper.model.observed.ObservedContainer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what each desired container needs (spec section 3), providers before their members, since a
 * member's verdict depends on its provider's: a provider that gets a new ID takes its members along.
 */
final class ContainerAssessor {
  private final DesiredState desired;
  private final ObservedWorld world;
  private final Set<String> replacedNetworks;
  private final Set<String> removedOrphanIds;
  private final Set<String> adopt;
  private final Map<String, ImageUpdate> updates;
  private final Map<String, UpdateGate> gates;
  private final SpecHashes hashes;
  private final Map<String, ContainerVerdict> verdicts = new LinkedHashMap<>();

  /**
   * @param adopt names whose unmanaged holder is to be replaced ({@code --adopt})
   * @param updates image updates to perform, by container name
   * @param gates update gates still open, by container name
   * @param hashes the spec hashes known from earlier passes
   */
  ContainerAssessor(DesiredState desired, ObservedWorld world, Set<String> replacedNetworks,
      Set<String> removedOrphanIds, Set<String> adopt, Map<String, ImageUpdate> updates,
      Map<String, UpdateGate> gates, SpecHashes hashes) {
    this.hashes = hashes;
    this.updates = updates;
    this.gates = gates;
    this.desired = desired;
    this.world = world;
    this.replacedNetworks = replacedNetworks;
    this.removedOrphanIds = removedOrphanIds;
    this.adopt = adopt;
  }

  /**
   * Verdicts in dependency order.
   *
   * @param networksGo whether a managed network is removed or replaced in this pass
   */
  Map<String, ContainerVerdict> assessAll(DependencyGraph graph, boolean networksGo) {
    graph.topologicalOrder().forEach(name -> verdicts.put(name, assess(desired.containers().get(name))));
    splitWhatBlocksARemoval(networksGo);
    return verdicts;
  }

  /**
   * A replaced container must leave in the removal phase, before the create phase, when it would otherwise
   * still exist while something it uses is removed: the container whose namespace it joined now (even if the
   * file no longer puts it there), or a network. Podman refuses both removals while it exists. The list does
   * not say which network a container is on, so any network going splits every replacement.
   */
  private void splitWhatBlocksARemoval(boolean networksGo) {
    Set<String> idsThatGo = new HashSet<>(removedOrphanIds);
    verdicts.values().stream().filter(v -> v.kind() == Kind.REPLACE).map(ContainerVerdict::currentId)
        .forEach(idsThatGo::add);
    // A split update is a plain replacement: its previous image is not kept, and it has no health gate.
    verdicts.replaceAll((name, v) -> v.kind() == Kind.REPLACE && !v.split() && (networksGo
        || v.current().flatMap(ObservedContainer::namespaceProviderId).filter(idsThatGo::contains).isPresent())
        ? ContainerVerdict.replace(v.current().get(), v.cause(), true)
        : v);
  }

  private ContainerVerdict assess(ContainerSpec spec) {
    String name = spec.name();
    Optional<ObservedContainer> found = world.engine().container(name);
    boolean adopted = found.isPresent() && Adoption.adopts(adopt, found.get());
    if (found.isPresent() && !found.get().managedBy(desired.stack()) && !adopted) {
      NameClash clash = NameClash.of("container", name, shortId(found.get().id()), desired.stack(),
          found.get().labels());
      return ContainerVerdict.impossible(Kind.CLASH, name, found, clash.cause(), clash.error());
    }
    Resolution<Redacted<Map<String, String>>> env = world.envOf(name);
    if (!env.resolved()) {
      return ContainerVerdict.impossible(Kind.UNRESOLVED, name, found, "env cannot be resolved", env.problem().get());
    }
    if (found.isEmpty()) {
      return ContainerVerdict.create(name);
    }
    ObservedContainer current = found.get();
    Optional<ContainerVerdict> provider = spec.namespaceProvider().map(verdicts::get);
    if (adopted) {
      // Replaced like a recreate; a provider's members follow (they see it get a new ID).
      boolean providerGoes = provider.filter(ContainerVerdict::getsNewId).isPresent();
      return ContainerVerdict.replace(current, Adoption.CAUSE, providerGoes);
    }
    boolean oldProviderRemoved = current.namespaceProviderId().filter(removedOrphanIds::contains).isPresent();
    if (provider.isPresent() && !usable(provider.get())) {
      ContainerVerdict p = provider.get();
      String cause = p.getsNewId() ? "provider " + p.name() + " is " + (p.kind() == Kind.CREATE ? "created" : "recreated")
          : "provider " + p.name() + " cannot be used";
      return ContainerVerdict.replace(current, cause, p.kind() == Kind.REPLACE || oldProviderRemoved);
    }
    if (spec.network() instanceof NetworkAttachment.Bridge bridge && replacedNetworks.contains(bridge.network())) {
      return ContainerVerdict.replace(current, "network " + bridge.network() + " is recreated", true);
    }
    Optional<String> providerId = provider.map(ContainerVerdict::currentId);
    Map<String, String> mergedEnv = env.value().get().reveal();
    // The hash alone decides; the per-key digests and values that say what changed cost some twenty more
    // canonical forms, so they are made only for a container that is recreated (spec section 3's cause).
    if (current.specHash().filter(hashes.of(desired, spec, mergedEnv, providerId)::equals).isEmpty()) {
      ContainerFingerprint fingerprint = ContainerFingerprint.of(spec, mergedEnv, providerId);
      return ContainerVerdict.replace(current, specChange(fingerprint, current, provider, providerId), oldProviderRemoved);
    }
    // An open gate comes before anything the container's state asks for: a container that exited under it failed
    // it, and is rolled back rather than started again; and before another update, which waits for its verdict.
    UpdateGate gate = gates.get(name);
    if (gate != null && !oldProviderRemoved) {
      return ContainerVerdict.finishGate(current, gate);
    }
    ImageUpdate update = updates.get(name);
    if (update != null && current.running() && !oldProviderRemoved) {
      return ContainerVerdict.update(current, update);
    }
    return stateVerdict(spec.restart(), current, provider);
  }

  /** A provider whose current container its members can keep pointing at. */
  private static boolean usable(ContainerVerdict provider) {
    return !provider.getsNewId() && provider.kind() != Kind.CLASH && provider.current().isPresent();
  }

  private static String specChange(ContainerFingerprint fingerprint, ObservedContainer current,
      Optional<ContainerVerdict> provider, Optional<String> providerId) {
    List<String> parts = new ArrayList<>();
    List<String> fields = new ArrayList<>(fingerprint.changedFields(current));
    if (providerId.isPresent() && !current.namespaceProviderId().equals(providerId)) {
      parts.add("provider " + provider.get().name() + " has a new ID");
      fields.remove("network");
    }
    if (!fields.isEmpty()) {
      parts.add("spec changed: " + String.join(", ", fingerprint.changes(current, fields)));
    }
    return parts.isEmpty() ? "spec changed" : String.join("; ", parts);
  }

  private ContainerVerdict stateVerdict(RestartPolicy restart, ObservedContainer current,
      Optional<ContainerVerdict> provider) {
    ContainerStatus status = current.status();
    if (status == ContainerStatus.DEAD) {
      return ContainerVerdict.replace(current, "dead", false);
    }
    if (status == ContainerStatus.EXITED) {
      Optional<String> left = leftExited(restart, current);
      if (left.isPresent()) {
        return ContainerVerdict.of(Kind.OK, current, left.get());
      }
    }
    if (status == ContainerStatus.EXITED || status == ContainerStatus.CREATED) {
      String cause = status == ContainerStatus.EXITED ? ExitCause.of(current) : "created but never started";
      return ContainerVerdict.start(current, cause);
    }
    if (current.running() && provider.isPresent()) {
      return NamespaceCheck.deadNamespace(current, provider.get())
          .map(cause -> ContainerVerdict.of(Kind.RESTART, current, cause))
          .orElse(ContainerVerdict.of(Kind.OK, current, "converged"));
    }
    // Paused, restarting, stopping, removing: the user or the engine is at it; leave it to them.
    return ContainerVerdict.of(Kind.OK, current, "converged");
  }

  /**
   * Why an exited container stays so under its restart policy: {@code no} keeps a run that ended (a one-shot
   * job), {@code on-failure} one that ended well, and waits while how it ended is not known yet (its process
   * was seen to end on the host; the engine says how in a moment).
   */
  private static Optional<String> leftExited(RestartPolicy restart, ObservedContainer current) {
    return switch (restart) {
      case NO -> Optional.of(ExitCause.of(current) + ", restart: no");
      case ON_FAILURE -> current.exitCode().isEmpty() ? Optional.of("exited, how not known yet")
          : current.exitCode().get() == 0 ? Optional.of("exited 0, restart: on-failure") : Optional.empty();
      case ALWAYS, UNLESS_STOPPED -> Optional.empty();
    };
  }

  static String shortId(String id) {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }
}
