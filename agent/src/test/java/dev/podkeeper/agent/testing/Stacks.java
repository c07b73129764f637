package dev.podkeeper.agent.testing;

import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.Defaults;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.DirectorySpec;
import dev.podkeeper.model.desired.EnvFileSpec;
import dev.podkeeper.model.desired.EnvValue;
import dev.podkeeper.model.desired.FileMode;
import dev.podkeeper.model.desired.HealthCheck;
import dev.podkeeper.model.desired.NetworkAttachment;
import dev.podkeeper.model.desired.NetworkSpec;
import dev.podkeeper.model.desired.Ownership;
import dev.podkeeper.model.desired.PortMapping;
import dev.podkeeper.model.desired.UnitSpec;
import dev.podkeeper.model.desired.VolumeMount;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small stack shaped like the seed server's: a VPN container with a health check and an env file fed by
 * a secret, a download client in its network namespace, and two apps on a bridge, one of them depending
 * on the other and on a native unit.
 */
public final class Stacks {
  public static final String STACK = "media";
  public static final Path SOURCE = Path.of("/etc/podkeeper/media.yaml");
  public static final Path SECRET_FILE = Path.of("/run/secrets/vpn-password");
  public static final String SECRET = "hunter2-correct-horse";
  public static final Path ENV_FILE = Path.of("/srv/media/vpn.env");
  public static final HealthCheck HEALTH = new HealthCheck(List.of("CMD-SHELL", "true"), Duration.ofSeconds(10),
      Duration.ofSeconds(5), 3, Duration.ofSeconds(30));

  private Stacks() {}

  public static DesiredState media() {
    return new DesiredState(SOURCE, STACK,
        new Defaults(Ownership.DEFAULT, FileMode.DIRECTORY_DEFAULT, Map.of("TZ", "UTC")),
        Map.of("media", new NetworkSpec("media", Optional.of("10.89.0.0/24"), Optional.empty(), true)),
        List.of(
            new DirectorySpec(Path.of("/srv/media"), Optional.of(new Ownership(0, 0)), Optional.of(new FileMode(0750))),
            new DirectorySpec(Path.of("/srv/media/config"), Optional.empty(), Optional.empty())),
        Map.of("vpn", new EnvFileSpec("vpn", ENV_FILE, FileMode.ENV_FILE_DEFAULT, ordered(
            "VPN_PROVIDER", new EnvValue.Literal("protonvpn"),
            "VPN_PASSWORD", new EnvValue.FromFile(SECRET_FILE)))),
        Map.of("jellyfin.service", new UnitSpec("jellyfin.service", UnitSpec.UnitState.ACTIVE, Optional.of(true))),
        containers(gluetun(), qbittorrent(), prowlarr(), sonarr()));
  }

  public static ContainerSpec gluetun() {
    return ContainerSpec.builder("gluetun", "localhost/gluetun:1", new NetworkAttachment.Bridge("media"))
        .envFiles(List.of("vpn")).health(Optional.of(HEALTH)).build();
  }

  public static ContainerSpec qbittorrent() {
    return ContainerSpec.builder("qbittorrent", "localhost/qbittorrent:1", new NetworkAttachment.ContainerNamespace("gluetun"))
        .volumes(List.of(new VolumeMount("/srv/media/qbittorrent", "/config", false))).build();
  }

  public static ContainerSpec prowlarr() {
    return ContainerSpec.builder("prowlarr", "localhost/prowlarr:1", new NetworkAttachment.Bridge("media")).build();
  }

  public static ContainerSpec sonarr() {
    return ContainerSpec.builder("sonarr", "localhost/sonarr:1", new NetworkAttachment.Bridge("media"))
        .ports(List.of(new PortMapping("127.0.0.1", 8989, 8989, PortMapping.Protocol.TCP)))
        .volumes(List.of(new VolumeMount("/srv/media/config", "/config", false)))
        .dependsOn(List.of("prowlarr")).requiresUnits(List.of("jellyfin.service")).build();
  }

  /** The same file with these containers replacing (or added to) its own. */
  public static DesiredState with(DesiredState base, ContainerSpec... specs) {
    Map<String, ContainerSpec> all = new LinkedHashMap<>(base.containers());
    for (ContainerSpec spec : specs) {
      all.put(spec.name(), spec);
    }
    return withContainers(base, all);
  }

  public static DesiredState without(DesiredState base, String... names) {
    Map<String, ContainerSpec> all = new LinkedHashMap<>(base.containers());
    for (String name : names) {
      all.remove(name);
    }
    return withContainers(base, all);
  }

  public static DesiredState withContainers(DesiredState base, Map<String, ContainerSpec> containers) {
    return new DesiredState(base.source(), base.stack(), base.defaults(), base.networks(), base.directories(),
        base.envFiles(), base.units(), containers);
  }

  public static Map<String, ContainerSpec> containers(ContainerSpec... specs) {
    Map<String, ContainerSpec> all = new LinkedHashMap<>();
    for (ContainerSpec spec : specs) {
      all.put(spec.name(), spec);
    }
    return all;
  }

  private static <V> Map<String, V> ordered(String k1, V v1, String k2, V v2) {
    Map<String, V> map = new LinkedHashMap<>();
    map.put(k1, v1);
    map.put(k2, v2);
    return map;
  }
}
