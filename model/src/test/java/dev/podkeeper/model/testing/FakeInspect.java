package dev.podkeeper.model.testing;

import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DeviceMapping;
import dev.podkeeper.model.desired.NetworkAttachment;
import dev.podkeeper.model.desired.NetworkSpec;
import dev.podkeeper.model.observed.ContainerDetails;
import dev.podkeeper.model.observed.ImageDefaults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the fake engine's inspects report, shaped as Podman 4.3.1 reports them (see the podman adapter's
 * README): the image's values where the container set none, Podman's own env entries, the short ID as
 * hostname and alias, device permissions dropped, a stop timeout in whole seconds (10 by default), and a
 * network made with a subnet but no gateway given the subnet's first address.
 */
final class FakeInspect {
  private static final Duration PODMAN_STOP_TIMEOUT = Duration.ofSeconds(10);

  private FakeInspect() {}

  static ContainerDetails details(String id, ContainerSpec spec, Map<String, String> env, Map<String, String> labels,
      Optional<String> providerId, ImageDefaults image) {
    String shortId = id.substring(0, 12);
    Map<String, String> allEnv = new LinkedHashMap<>();
    allEnv.put("container", "podman");
    allEnv.putAll(image.env());
    allEnv.putAll(env);
    allEnv.putIfAbsent("TERM", "xterm");
    allEnv.putIfAbsent("HOME", "/root");
    allEnv.put("HOSTNAME", spec.hostname().orElse(shortId));
    Map<String, String> allLabels = new LinkedHashMap<>(image.labels());
    allLabels.putAll(labels);
    boolean member = spec.network() instanceof NetworkAttachment.ContainerNamespace;
    List<String> aliases = new ArrayList<>(spec.aliases());
    if (!member) {
      aliases.add(shortId);
    }
    return new ContainerDetails(id, spec.name(), spec.image(), allLabels, providerId,
        member ? List.of() : List.of(spec.network().toString()), aliases, spec.ports(), spec.volumes(), allEnv,
        spec.health().or(image::health), spec.restart(), spec.memoryBytes(), spec.cpus(), spec.capAdd(),
        spec.capDrop(), spec.devices().stream().map(d -> new DeviceMapping(d.hostPath(), d.containerPath(), ""))
            .toList(),
        spec.privileged(), spec.command().filter(c -> !c.isEmpty()).orElse(image.command()),
        spec.entrypoint().orElse(image.entrypoint()), spec.user().orElse(image.user()),
        spec.workdir().orElse(image.workdir().isEmpty() ? "/" : image.workdir()), spec.hostname().orElse(shortId),
        Optional.of(Duration.ofSeconds(spec.stopTimeout().map(FakeInspect::ceilSeconds)
            .orElse(PODMAN_STOP_TIMEOUT.toSeconds()))));
  }

  /** Podman gives a subnet without a gateway its first address, and a network without a subnet one of its own. */
  static NetworkSpec asPodmanMadeIt(NetworkSpec spec, int ordinal) {
    String subnet = spec.subnet().orElse("10.89." + (ordinal % 250) + ".0/24");
    String gateway = spec.gateway().orElse(firstAddress(subnet));
    return new NetworkSpec(spec.name(), Optional.of(subnet), Optional.of(gateway), spec.dns());
  }

  private static String firstAddress(String subnet) {
    String network = subnet.substring(0, subnet.indexOf('/'));
    int lastDot = network.lastIndexOf('.');
    return network.substring(0, lastDot + 1) + (Integer.parseInt(network.substring(lastDot + 1)) + 1);
  }

  private static long ceilSeconds(Duration d) {
    return d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
  }
}
