package dev.podkeeper.agent.plan;

import static dev.podkeeper.agent.testing.Stacks.media;
import static dev.podkeeper.agent.testing.WorldBuilder.T0;
import static dev.podkeeper.agent.testing.WorldBuilder.converged;
import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.agent.testing.Observed;
import dev.podkeeper.agent.testing.Stacks;
import dev.podkeeper.agent.testing.WorldBuilder;
import dev.podkeeper.model.Labels;
import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.RestartPolicy;
import dev.podkeeper.model.desired.FileMode;
import dev.podkeeper.model.desired.Ownership;
import dev.podkeeper.model.desired.VolumeMount;
import dev.podkeeper.model.desired.PortMapping;
import dev.podkeeper.model.observed.ContainerStatus;
import dev.podkeeper.model.observed.HealthStatus;
import dev.podkeeper.model.observed.ObservedContainer;
import dev.podkeeper.model.observed.ObservedNetwork;
import dev.podkeeper.model.observed.ObservedUnit;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The planner as a table: a desired state, an observed world (plain data, no engine), and the plan as
 * lines {@code kind target: cause <- waits !preset}. The media stack: gluetun (health, env file vpn),
 * qbittorrent in gluetun's namespace, prowlarr, and sonarr (depends on prowlarr, requires jellyfin.service).
 */
class PlannerTableTest {

  record Case(String name, DesiredState desired, WorldBuilder world, PlannerOptions options, List<String> plan) {
    Case(String name, DesiredState desired, WorldBuilder world, List<String> plan) {
      this(name, desired, world, PlannerOptions.DEFAULT, plan);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"containers", "namespaces", "removals", "hostAndUnits", "networks"})
  void plans(Case c) {
    assertThat(PlanLines.of(Planner.plan(c.desired(), c.world().build(), c.options())))
        .containsExactlyElementsOf(c.plan());
  }

  static Stream<Case> containers() {
    return Stream.of(
        new Case("a converged world gives an empty plan", media(), converged(media()), List.of()),
        new Case("missing: create and start", media(), converged(media()).withoutContainer("sonarr"),
            List.of("create-container sonarr: missing")),
        new Case("changed ports: recreate, naming the key", Stacks.with(media(), Stacks.sonarr().toBuilder()
            .ports(List.of(new PortMapping("127.0.0.1", 8990, 8989, PortMapping.Protocol.TCP))).build()),
            converged(media()), List.of("recreate-container sonarr: spec changed: ports 127.0.0.1:8989:8989/tcp → 127.0.0.1:8990:8989/tcp")),
        new Case("changed env and ports: both with values, never a secret's", Stacks.with(media(), Stacks.sonarr().toBuilder()
            .ports(List.of(new PortMapping("127.0.0.1", 8990, 8989, PortMapping.Protocol.TCP))).build()),
            converged(media()).env("sonarr", Resolution.of(Redacted.of(Map.of("TZ", "UTC", "TOKEN", Stacks.SECRET)))),
            List.of("recreate-container sonarr: spec changed: env +TOKEN=***, ports 127.0.0.1:8989:8989/tcp → 127.0.0.1:8990:8989/tcp")),
        new Case("changed memory: old → new", Stacks.with(media(), Stacks.sonarr().toBuilder()
            .memoryBytes(Optional.of(512L << 20)).build()),
            converged(Stacks.with(media(), Stacks.sonarr().toBuilder().memoryBytes(Optional.of(256L << 20)).build())),
            List.of("recreate-container sonarr: spec changed: memory 256m → 512m")),
        new Case("a secret's value changed: said, but never shown", media(),
            converged(media()).container("sonarr", createdWithEnv(Stacks.sonarr(), Map.of("TZ", "UTC", "TOKEN", Stacks.SECRET)))
                .env("sonarr", Resolution.of(Redacted.of(Map.of("TZ", "UTC", "TOKEN", "rotated-" + Stacks.SECRET)))),
            List.of("recreate-container sonarr: spec changed: env (a value from defaults, an env file or a secret"
                + " changed: ***)")),
        new Case("without recorded values (older labels): the key alone", Stacks.with(media(), Stacks.sonarr().toBuilder()
            .memoryBytes(Optional.of(512L << 20)).build()),
            converged(media()).container("sonarr", Observed.label(Labels.SPEC_VALUES, "")),
            List.of("recreate-container sonarr: spec changed: memory")),
        new Case("changed image of a dependency: only it is recreated",
            Stacks.with(media(), Stacks.prowlarr().toBuilder().image("localhost/prowlarr:2").build()),
            converged(media()), List.of("recreate-container prowlarr: spec changed: image localhost/prowlarr:1 → localhost/prowlarr:2")),
        new Case("hash differs without per-key digests (older labels): spec changed", media(),
            converged(media()).container("sonarr", Observed.label(Labels.SPEC_HASH, "old"))
                .container("sonarr", Observed.label(Labels.SPEC_FIELDS, "")),
            List.of("recreate-container sonarr: spec changed")),
        new Case("exited: start", media(), converged(media()).container("prowlarr", Observed.status(ContainerStatus.EXITED)),
            List.of("start-container prowlarr: exited")),
        new Case("exited with a code: the cause says it", media(),
            converged(media()).container("prowlarr", Observed.exited(1, false)),
            List.of("start-container prowlarr: exited 1")),
        new Case("killed by a signal: the cause names it", media(),
            converged(media()).container("prowlarr", Observed.exited(137, false)),
            List.of("start-container prowlarr: exited 137 (killed)")),
        new Case("killed by the OOM killer: the cause says so", media(),
            converged(media()).container("prowlarr", Observed.exited(137, true)),
            List.of("start-container prowlarr: OOM-killed")),
        new Case("restart: no, exited: left so, a one-shot job", oneShot(RestartPolicy.NO),
            converged(oneShot(RestartPolicy.NO)).container("prowlarr", Observed.exited(1, false)), List.of()),
        new Case("restart: no, exited: its dependent is made all the same (a job that ran is a dependency met)",
            oneShot(RestartPolicy.NO), converged(oneShot(RestartPolicy.NO))
                .container("prowlarr", Observed.exited(0, false)).withoutContainer("sonarr"),
            List.of("create-container sonarr: missing")),
        new Case("restart: on-failure, exited 0: left so", oneShot(RestartPolicy.ON_FAILURE),
            converged(oneShot(RestartPolicy.ON_FAILURE)).container("prowlarr", Observed.exited(0, false)), List.of()),
        new Case("restart: on-failure, exited 1: start", oneShot(RestartPolicy.ON_FAILURE),
            converged(oneShot(RestartPolicy.ON_FAILURE)).container("prowlarr", Observed.exited(1, false)),
            List.of("start-container prowlarr: exited 1")),
        new Case("restart: on-failure, how it ended not known yet: it waits for the engine's word",
            oneShot(RestartPolicy.ON_FAILURE),
            converged(oneShot(RestartPolicy.ON_FAILURE)).container("prowlarr", Observed.status(ContainerStatus.EXITED)),
            List.of()),
        new Case("restart: no, created, never started: start", oneShot(RestartPolicy.NO),
            converged(oneShot(RestartPolicy.NO)).container("prowlarr", Observed.status(ContainerStatus.CREATED)),
            List.of("start-container prowlarr: created but never started")),
        new Case("created, never started: start", media(),
            converged(media()).container("prowlarr", Observed.status(ContainerStatus.CREATED)),
            List.of("start-container prowlarr: created but never started")),
        new Case("exited but the start gate backs off: start skipped", media(),
            converged(media()).container("prowlarr", Observed.status(ContainerStatus.EXITED)),
            new PlannerOptions(false, Map.of("start-container:prowlarr", new Hold("backing off until 10:05:00"))),
            List.of("start-container prowlarr: exited !skipped")),
        new Case("a hold on any action skips it, and only it", media(),
            converged(media()).withoutContainer("prowlarr").withoutContainer("gluetun"),
            new PlannerOptions(false, Map.of("create-container:prowlarr", new Hold("retry 2 is due at 10:05:00"))),
            List.of("create-container gluetun: missing",
                "await-healthy gluetun: needed healthy by qbittorrent <- create-container:gluetun",
                "recreate-container qbittorrent: provider gluetun is created <- await-healthy:gluetun",
                "create-container prowlarr: missing !skipped")),
        new Case("dead: recreate", media(), converged(media()).container("prowlarr", Observed.status(ContainerStatus.DEAD)),
            List.of("recreate-container prowlarr: dead")),
        new Case("paused by the user: left alone", media(),
            converged(media()).container("prowlarr", Observed.status(ContainerStatus.PAUSED)), List.of()),
        new Case("name taken by an unmanaged container: a failed clash, the rest goes on", media(),
            converged(media()).withoutContainer("sonarr").add(unmanaged("sonarr", Map.of())),
            List.of("report-clash sonarr: name taken by an unmanaged container !failed")),
        new Case("name taken by another stack's container: a clash too", media(),
            converged(media()).withoutContainer("sonarr").add(unmanaged("sonarr", Map.of(Labels.STACK, "other"))),
            List.of("report-clash sonarr: name held by stack other !failed")),
        new Case("a clash skips its dependents", media(), converged(media()).withoutContainer("prowlarr")
            .add(unmanaged("prowlarr", Map.of())).withoutContainer("sonarr"),
            List.of("report-clash prowlarr: name taken by an unmanaged container !failed",
                "create-container sonarr: missing <- report-clash:prowlarr")));
  }

  /** The labels the container would carry had it been created with {@code env}. */
  private static UnaryOperator<ObservedContainer> createdWithEnv(ContainerSpec spec, Map<String, String> env) {
    Map<String, String> labels = ContainerFingerprint.resolve(spec, env, Optional.empty(), Stacks.STACK).labels();
    return c -> Observed.label(Labels.SPEC_VALUES, labels.get(Labels.SPEC_VALUES)).apply(
        Observed.label(Labels.SPEC_FIELDS, labels.get(Labels.SPEC_FIELDS)).apply(
            Observed.label(Labels.SPEC_HASH, labels.get(Labels.SPEC_HASH)).apply(c)));
  }

  static Stream<Case> namespaces() {
    return Stream.of(
        new Case("dead namespace by StartedAt: restart the member", media(),
            converged(media()).container("gluetun", Observed.startedAt(T0.plusSeconds(60))),
            List.of("restart-container qbittorrent: provider gluetun restarted 10:01:00, after it"
                + " (started 10:00:01)")),
        new Case("dead namespace by namespace id: restart the member", media(),
            converged(media()).container("qbittorrent", Observed.namespace("net:[old]")),
            List.of("restart-container qbittorrent: network namespace differs from provider's"
                + " (net:[old] vs gluetun's net:[id-gluetun])")),
        new Case("provider exited: start it, wait for health, then restart the member", media(),
            converged(media()).container("gluetun", Observed.status(ContainerStatus.EXITED)),
            List.of("start-container gluetun: exited",
                "await-healthy gluetun: needed healthy by qbittorrent <- start-container:gluetun",
                "restart-container qbittorrent: provider gluetun is started after it (its namespace will be new)"
                    + " <- await-healthy:gluetun")),
        new Case("provider unhealthy: the member's restart waits for its health", media(),
            converged(media()).container("gluetun", Observed.health(HealthStatus.UNHEALTHY))
                .container("qbittorrent", Observed.namespace("net:[old]")),
            List.of("await-healthy gluetun: unhealthy; needed healthy by qbittorrent",
                "restart-container qbittorrent: network namespace differs from provider's"
                    + " (net:[old] vs gluetun's net:[id-gluetun]) <- await-healthy:gluetun")),
        new Case("provider spec changed: members removed, provider recreated, members created",
            Stacks.with(media(), Stacks.gluetun().toBuilder().image("localhost/gluetun:2").build()), converged(media()),
            List.of("remove-container qbittorrent: provider gluetun is recreated",
                "recreate-container gluetun: spec changed: image localhost/gluetun:1 → localhost/gluetun:2 <- remove-container:qbittorrent",
                "await-healthy gluetun: needed healthy by qbittorrent <- recreate-container:gluetun",
                "create-container qbittorrent: provider gluetun is recreated"
                    + " <- await-healthy:gluetun, remove-container:qbittorrent")),
        new Case("provider recreated outside podkeeper: the member follows its new ID", media(),
            converged(media()).running(Stacks.gluetun(), "id-gluetun-2", T0.plusSeconds(60)),
            List.of("recreate-container qbittorrent: provider gluetun has a new ID")),
        new Case("provider renamed: the old one is an orphan, removed after its member, before the new one",
            media(), converged(media()).withoutContainer("gluetun").add(renamed("id-gluetun", "vpn")),
            List.of("remove-container qbittorrent: provider gluetun is created",
                "remove-container vpn: not in the desired state (orphan) <- remove-container:qbittorrent",
                "create-container gluetun: missing (after remove-container:vpn)",
                "await-healthy gluetun: needed healthy by qbittorrent <- create-container:gluetun",
                "create-container qbittorrent: provider gluetun is created"
                    + " <- await-healthy:gluetun, remove-container:qbittorrent (after remove-container:vpn)")));
  }

  static Stream<Case> removals() {
    return Stream.of(
        new Case("orphans: members before providers, containers before networks", media(), converged(media())
            .add(orphan("vpn-old", Optional.empty())).add(orphan("torrent-old", Optional.of("id-vpn-old")))
            .network(new ObservedNetwork("net-old", "old-net", Map.of(Labels.STACK, Stacks.STACK))),
            List.of("remove-container torrent-old: not in the desired state (orphan)",
                "remove-container vpn-old: not in the desired state (orphan) <- remove-container:torrent-old",
                "remove-network old-net: not in the desired state (orphan)"
                    + " <- remove-container:torrent-old, remove-container:vpn-old")),
        new Case("new containers start after orphan removals (they may free a port), not only if they succeed",
            media(), converged(media()).withoutContainer("prowlarr").add(orphan("old-prowlarr", Optional.empty())),
            List.of("remove-container old-prowlarr: not in the desired state (orphan)",
                "create-container prowlarr: missing (after remove-container:old-prowlarr)")),
        new Case("what needs an orphan gone waits for its removal: its provider's removal, a network's", media(),
            converged(media()).withoutContainer("sonarr")
                .add(orphan("vpn-old", Optional.empty())).add(orphan("torrent-old", Optional.of("id-vpn-old")))
                .network(new ObservedNetwork("net-old", "old-net", Map.of(Labels.STACK, Stacks.STACK))),
            List.of("remove-container torrent-old: not in the desired state (orphan)",
                "remove-container vpn-old: not in the desired state (orphan) <- remove-container:torrent-old",
                "remove-network old-net: not in the desired state (orphan)"
                    + " <- remove-container:torrent-old, remove-container:vpn-old",
                "create-container sonarr: missing (after remove-container:torrent-old, remove-container:vpn-old)")),
        new Case("unlabelled objects and other stacks' objects are never touched", media(), converged(media())
            .add(unmanaged("random", Map.of())).add(unmanaged("theirs", Map.of(Labels.STACK, "other")))
            .network(new ObservedNetwork("net-podman", "podman", Map.of())),
            List.of()),
        new Case("an emptied file with allowEmpty removes every container, members first",
            Stacks.withContainers(media(), Map.of()), converged(media()), new PlannerOptions(true, Map.of()),
            List.of("remove-container qbittorrent: not in the desired state (orphan)",
                "remove-container gluetun: not in the desired state (orphan) <- remove-container:qbittorrent",
                "remove-container prowlarr: not in the desired state (orphan)",
                "remove-container sonarr: not in the desired state (orphan)")));
  }

  static Stream<Case> hostAndUnits() {
    Path media = Path.of("/srv/media");
    return Stream.of(
        new Case("a listed directory it may not look at is reported as such, not created as missing", media(),
            converged(media()).unreadable(media, "permission denied"),
            List.of("ensure-directory /srv/media: permission denied !failed")),
        new Case("a bind-mount source that is a symbolic link is not created as missing", media(),
            converged(media()).unreadable(media.resolve("qbittorrent"), "is a symbolic link"),
            List.of("ensure-directory /srv/media/qbittorrent: bind-mount source of qbittorrent: is a symbolic link"
                + " !failed")),
        new Case("a fresh host: networks, directories, env files, units, then containers in dependency order",
            media(), WorldBuilder.empty(media()),
            List.of("create-network media: missing",
                "ensure-directory /srv/media: missing, will be created 0:0 0750",
                "ensure-directory /srv/media/config: missing, will be created 1000:1000 0755"
                    + " <- ensure-directory:/srv/media",
                "ensure-directory /srv/media/qbittorrent: missing bind-mount source of qbittorrent, will be created"
                    + " 1000:1000 0755 <- ensure-directory:/srv/media",
                "write-env-file vpn: missing /srv/media/vpn.env <- ensure-directory:/srv/media",
                "unit-enable jellyfin.service: disabled",
                "unit-start jellyfin.service: inactive (dead) <- unit-enable:jellyfin.service",
                "create-container gluetun: missing <- create-network:media, write-env-file:vpn",
                "await-healthy gluetun: needed healthy by qbittorrent <- create-container:gluetun",
                "create-container qbittorrent: missing <- ensure-directory:/srv/media/qbittorrent, await-healthy:gluetun",
                "create-container prowlarr: missing <- create-network:media",
                "create-container sonarr: missing <- create-network:media, ensure-directory:/srv/media/config,"
                    + " unit-start:jellyfin.service, create-container:prowlarr")),
        new Case("listed owner and mode are enforced on the directory itself", media(),
            converged(media()).directory(media, Ownership.DEFAULT, FileMode.DIRECTORY_DEFAULT),
            List.of("ensure-directory /srv/media: owner 1000:1000, want 0:0; mode 0755, want 0750")),
        new Case("an unlisted owner or mode is not enforced", media(),
            converged(media()).directory(media.resolve("config"), new Ownership(0, 0), new FileMode(0700)), List.of()),
        new Case("a missing bind-mount source is created before its container", media(), converged(media())
            .withoutPath(media.resolve("qbittorrent")).withoutContainer("qbittorrent"),
            List.of("ensure-directory /srv/media/qbittorrent: missing bind-mount source of qbittorrent, will be created"
                    + " 1000:1000 0755",
                "create-container qbittorrent: missing <- ensure-directory:/srv/media/qbittorrent")),
        new Case("a missing bind-mount source that is a system directory is never created", Stacks.with(media(),
                prowlarrMounting("/run")), converged(media()).withoutContainer("prowlarr"),
            List.of("ensure-directory /run: missing bind-mount source of prowlarr !failed",
                "create-container prowlarr: missing <- ensure-directory:/run")),
        new Case("refused host paths fail their objects, which are left alone, and hold back what needs them", media(),
            converged(media()).withoutContainer("qbittorrent").withoutContainer("sonarr")
                .unreadable(media.resolve("config"), "is refused: /srv/media/config is a symbolic link")
                .unreadable(media.resolve("qbittorrent"), "is refused: /srv/media/qbittorrent is a symbolic link")
                .unreadable(Stacks.ENV_FILE, "is refused: /srv/media/vpn.env is a symbolic link"),
            List.of("ensure-directory /srv/media/config: is refused: /srv/media/config is a symbolic link !failed",
                "ensure-directory /srv/media/qbittorrent: bind-mount source of qbittorrent: is refused:"
                    + " /srv/media/qbittorrent is a symbolic link !failed",
                "write-env-file vpn: /srv/media/vpn.env is refused: /srv/media/vpn.env is a symbolic link !failed",
                "create-container qbittorrent: missing <- ensure-directory:/srv/media/qbittorrent",
                "create-container sonarr: missing <- ensure-directory:/srv/media/config")),
        new Case("env file content differs (never quoted)", media(), converged(media())
            .envFile("vpn", new EnvFileFacts(Resolution.of(Redacted.of(new byte[] {1})), Optional.of(Redacted.of(new byte[] {2})))),
            List.of("write-env-file vpn: content differs")),
        new Case("env file mode differs", media(), converged(media()).withoutPath(Stacks.ENV_FILE)
            .directory(Stacks.ENV_FILE, new Ownership(0, 0), new FileMode(0644)),
            List.of("write-env-file vpn: mode 0644, want 0600")),
        new Case("a missing secret fails its env file and skips its container; the rest goes on", media(), converged(media())
            .envFile("vpn", new EnvFileFacts(Resolution.failed("secret file /run/secrets/vpn-password is missing"),
                Optional.empty()))
            .env("gluetun", Resolution.failed("env file vpn cannot be resolved")),
            List.of("write-env-file vpn: values cannot be resolved !failed",
                "recreate-container gluetun: env cannot be resolved <- write-env-file:vpn !failed")),
        new Case("a missing secret: the missing provider is skipped, and so is its member", media(), converged(media())
            .withoutContainer("gluetun").withoutContainer("qbittorrent")
            .envFile("vpn", new EnvFileFacts(Resolution.failed("secret file is missing"), Optional.empty()))
            .env("gluetun", Resolution.failed("env file vpn cannot be resolved")),
            List.of("write-env-file vpn: values cannot be resolved !failed",
                "create-container gluetun: env cannot be resolved <- write-env-file:vpn !failed",
                "await-healthy gluetun: needed healthy by qbittorrent <- create-container:gluetun",
                "create-container qbittorrent: missing <- await-healthy:gluetun")),
        new Case("units: enable, then start, then what requires them", media(), converged(media())
            .unit(new ObservedUnit("jellyfin.service", "loaded", "failed", "failed", "disabled")).withoutContainer("sonarr"),
            List.of("unit-enable jellyfin.service: disabled",
                "unit-start jellyfin.service: failed (failed) <- unit-enable:jellyfin.service",
                "create-container sonarr: missing <- unit-start:jellyfin.service")),
        new Case("a static unit cannot be enabled: left alone", media(), converged(media())
            .unit(new ObservedUnit("jellyfin.service", "loaded", "active", "running", "static")), List.of()),
        new Case("systemd unreachable: the unit fails, what requires it is skipped", media(), converged(media())
            .unitsUnavailable("systemd not connected").withoutContainer("sonarr"),
            List.of("unit-start jellyfin.service: state unknown !failed",
                "create-container sonarr: missing <- unit-start:jellyfin.service")));
  }

  static Stream<Case> networks() {
    return Stream.of(
        new Case("missing network: created before its containers", media(),
            converged(media()).withoutNetwork("media").withoutContainer("sonarr"),
            List.of("create-network media: missing", "create-container sonarr: missing <- create-network:media")),
        new Case("network name taken by an unmanaged network: fails", media(),
            converged(media()).network(new ObservedNetwork("net-x", "media", Map.of())),
            List.of("create-network media: name taken by an unmanaged network !failed")),
        new Case("network name held by another stack (a renamed one): fails, naming it", media(),
            converged(media()).network(new ObservedNetwork("net-x", "media", Map.of(Labels.STACK, "media-old"))),
            List.of("create-network media: name held by stack media-old !failed")),
        new Case("network spec changed: its containers removed, it is replaced, they are created", media(),
            converged(media()).network(new ObservedNetwork("net-media", "media",
                Map.of(Labels.STACK, Stacks.STACK, Labels.SPEC_HASH, "old"))),
            List.of("remove-container qbittorrent: provider gluetun is recreated",
                "remove-container gluetun: network media is recreated <- remove-container:qbittorrent",
                "remove-container prowlarr: network media is recreated",
                "remove-container sonarr: network media is recreated",
                "remove-network media: spec changed (subnet, gateway or dns) <- remove-container:qbittorrent,"
                    + " remove-container:gluetun, remove-container:prowlarr, remove-container:sonarr",
                "create-network media: spec changed (subnet, gateway or dns) <- remove-network:media",
                "create-container gluetun: network media is recreated <- create-network:media, remove-container:gluetun",
                "await-healthy gluetun: needed healthy by qbittorrent <- create-container:gluetun",
                "create-container qbittorrent: provider gluetun is recreated"
                    + " <- await-healthy:gluetun, remove-container:qbittorrent",
                "create-container prowlarr: network media is recreated <- create-network:media, remove-container:prowlarr",
                "create-container sonarr: network media is recreated <- create-network:media,"
                    + " create-container:prowlarr, remove-container:sonarr")));
  }

  static ObservedContainer unmanaged(String name, Map<String, String> labels) {
    return new ObservedContainer("id-unmanaged-" + name, name, "localhost/other:1", labels, ContainerStatus.RUNNING,
        HealthStatus.NONE, Optional.of(T0), Optional.empty(), Optional.of("net:[x]"));
  }

  static ObservedContainer orphan(String name, Optional<String> providerId) {
    return new ObservedContainer("id-" + name, name, "localhost/old:1",
        Map.of(Labels.STACK, Stacks.STACK, Labels.SPEC_HASH, "x"), ContainerStatus.RUNNING, HealthStatus.NONE,
        Optional.of(T0), providerId, Optional.of("net:[old]"));
  }

  /** The managed container {@code id} as the file's previous version named it. */
  static ObservedContainer renamed(String id, String oldName) {
    return new ObservedContainer(id, oldName, "localhost/gluetun:1",
        Map.of(Labels.STACK, Stacks.STACK, Labels.SPEC_HASH, "x"), ContainerStatus.RUNNING, HealthStatus.HEALTHY,
        Optional.of(T0), Optional.empty(), Optional.of("net:[" + id + "]"));
  }

  private static ContainerSpec prowlarrMounting(String source) {
    return ContainerSpec.builder("prowlarr", Stacks.prowlarr().image(), Stacks.prowlarr().network())
        .volumes(List.of(new VolumeMount(source, "/host", true))).build();
  }

  /** The media stack with prowlarr under this restart policy. */
  private static DesiredState oneShot(RestartPolicy restart) {
    return Stacks.with(media(), Stacks.prowlarr().toBuilder().restart(restart).build());
  }
}
