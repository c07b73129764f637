package dev.podkeeper.it.systemd;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podkeeper.it.PodmanEngineFixture;
import dev.podkeeper.it.RepoScripts;
import dev.podkeeper.model.Labels;
import dev.podkeeper.model.observed.ObservedContainer;
import dev.podkeeper.model.observed.ObservedNetwork;
import dev.podkeeper.podman.PodmanEngine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.testcontainers.containers.BindMode;

/**
 * The issue "podkeeper packaged as a systemd service", end to end: the .deb that {@code packaging} builds is
 * installed with {@code apt-get install ./podkeeper_*.deb} in a fresh Debian 12 with a real systemd 252
 * ({@link SystemdContainerFixture}), so that apt resolves its Depends from Debian's archive as on a new
 * machine; the container has a network namespace of its own with outbound access for that. Podman from
 * those Depends is shown to work there ({@link #podmanFromTheDependsRunsAContainerWithAPortOnANetwork}), nested.
 *
 * <p>The agent itself reconciles the tests' private Podman engine ({@link PodmanEngineFixture}), bind-mounted
 * at {@code /run/podman/podman.sock} so that the packaged unit runs unchanged with its default socket: the
 * tests then see its containers through their own engine client and reach its loopback ports from this
 * host, and the stack's test image need not go into the nested engine's slow vfs storage. Then, as a user
 * would: write the stack file, {@code systemctl enable --now podkeeper}, read {@code journalctl -u podkeeper},
 * {@code systemctl reload}, {@code systemctl stop}. The tests run in order against one service and one stack.
 *
 * <p>The stack file is {@code /etc/podkeeper/stack.yaml} as a symlink to {@value #STACK_FILE}, as
 * configuration managers lay files out. The agent's file watcher watches {@code /etc/podkeeper/} and does not
 * see an edit of the link's target, so the new container of the reload test can only come from the SIGHUP
 * that {@code systemctl reload} sends (the log line's {@code trigger=signal} says so).
 */
@TestMethodOrder(OrderAnnotation.class)
@ExtendWith(PackagedAgentE2EIT.PrintServiceOnFailure.class)
class PackagedAgentE2EIT {
  private static final String UNIT = "podkeeper.service";
  /** Where the packaged unit's default --podman-socket points. */
  private static final String PODMAN_SOCKET_IN_CONTAINER = "/run/podman/podman.sock";
  /** apt installs a local package when its argument is a path to a .deb; the package keeps its own name. */
  private static final String DEB_DIR_IN_CONTAINER = "/var/tmp/podkeeper-deb";
  private static final String STACK_FILE = "/srv/podkeeper-e2e/stack.yaml";
  /** A secret the web container gets through an env file (fromFile), as the seed stack's VPN credentials. */
  private static final String SECRET_FILE = "/srv/podkeeper-e2e/token";
  private static final String ENV_FILE = "/srv/podkeeper-e2e/web.env";
  private static final String CONFFILE = "/etc/podkeeper/stack.yaml";
  private static final String CDS_ARCHIVE = "/var/cache/podkeeper/podkeeper.jsa";
  /** apt-get update and the Depends (podman and friends, ~40 MB) from Debian's archive. */
  private static final Duration APT_LIMIT = Duration.ofMinutes(5);
  /** A busybox root file system for the nested engine's image (no registry here, nor inside). */
  private static final String NESTED_ROOTFS = "/var/tmp/pk-nested-rootfs";
  /** Podman's own nofile limit is above this host's hard limit, which the outer container inherits. */
  private static final int NESTED_NOFILE = 20000;
  private static final Duration NESTED_LIMIT = Duration.ofMinutes(3);
  /** JVM start and a first pass on a loaded 2-core machine; systemd's own start timeout is 90 s. */
  private static final Duration START_LIMIT = Duration.ofMinutes(2);
  private static final Duration CHANGE_LIMIT = Duration.ofSeconds(60);
  /** A drop-in as {@code systemctl edit} writes one: a start timeout shorter than the slow stack's first pass. */
  private static final String SHORT_START_DROP_IN = "/etc/systemd/system/podkeeper.service.d/short-start.conf";
  private static final Duration SHORT_START_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration POLL = Duration.ofMillis(500);

  private static PodmanEngineFixture.Engine podman;
  private static PodmanEngine api;
  private static SystemdContainerFixture systemd;
  private static String stack;
  private static String network;
  private static String subnet;
  private static int webPort;
  private static int sidePort;
  private static int extraPort;
  private static String secret;
  /** The agent's PID inside the container, once active. */
  private static String mainPid;

  @BeforeAll
  static void installThePackage() throws IOException {
    Path deb = builtPackage();
    System.err.println("packaged agent: installing " + deb + " of " + Files.getLastModifiedTime(deb));
    podman = PodmanEngineFixture.get();
    api = new PodmanEngine(podman.socket());
    stack = podman.uniqueName("pke2e");
    network = stack + "-net";
    subnet = podman.randomSubnet();
    webPort = podman.freeLoopbackPort();
    sidePort = podman.freeLoopbackPort();
    extraPort = podman.freeLoopbackPort();
    secret = "e2e-secret-" + UUID.randomUUID().toString().replace("-", "");

    Path engineSocket = Path.of(URI.create(podman.socket()).getPath()).toRealPath();
    systemd = SystemdContainerFixture.create()
        .withFileSystemBind(engineSocket.toString(), PODMAN_SOCKET_IN_CONTAINER, BindMode.READ_WRITE)
        .withOutboundNetwork().withNestedContainers().boot();

    // A copy, not a bind mount: another build may rewrite packaging/target while this test runs.
    Files.createDirectories(inContainer(DEB_DIR_IN_CONTAINER));
    Files.copy(deb, inContainer(DEB_DIR_IN_CONTAINER).resolve(deb.getFileName()), REPLACE_EXISTING);
    // As on a minimal machine: only the Depends, no Recommends. The image's apt lists are empty.
    long t0 = System.nanoTime();
    systemd.exec(APT_LIMIT, "sh", "-c", "cd " + DEB_DIR_IN_CONTAINER + " && apt-get update -q"
        + " && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends ./podkeeper_*.deb")
        .orThrow();
    System.err.printf("packaged agent: apt-get install ./podkeeper_*.deb with its Depends took %.1f s%n",
        (System.nanoTime() - t0) / 1e9);
    Files.createDirectories(inContainer(SECRET_FILE).getParent());
    Files.writeString(inContainer(SECRET_FILE), secret + "\n");
    writeStackFile(stackFile(false));
    systemd.exec("ln", "-sfn", STACK_FILE, CONFFILE).orThrow();
  }

  @AfterAll
  static void removeEverything() {
    // The agent first (with its container), or it would put back what is removed next.
    if (systemd != null) {
      systemd.close();
    }
    if (api == null) {
      return;
    }
    try {
      // Members of a namespace first: Podman refuses to remove a provider that others joined.
      List<ObservedContainer> ours = api.listContainers().stream()
          .filter(c -> c.managedBy(stack) || c.name().startsWith(stack + "-"))
          .sorted(Comparator.comparing((ObservedContainer c) -> c.namespaceProviderId().isEmpty())).toList();
      for (ObservedContainer c : ours) {
        api.removeContainer(c.id());
      }
      api.listNetworks().stream().filter(n -> n.name().equals(network)).forEach(n -> api.removeNetwork(n.id()));
    } finally {
      try {
        api.close();
      } catch (IOException e) {
        System.err.println("closing the engine client failed: " + e);
      }
    }
  }

  @Test
  @Order(1)
  void theInstalledServiceIsNotifyWithAWatchdogAndNotStartedByTheInstall() {
    // WatchdogUSec is not asked here: systemd 252 reports "infinity" until the service starts (see below).
    Map<String, String> unit = show("Type", "NotifyAccess", "ExecReload", "LoadState", "UnitFileState",
        "ActiveState", "FragmentPath");

    assertThat(unit).containsEntry("LoadState", "loaded")
        .containsEntry("FragmentPath", "/lib/systemd/system/podkeeper.service")
        .containsEntry("Type", "notify")
        .containsEntry("NotifyAccess", "main")
        // The package leaves enabling and starting to the user, who writes the file first.
        .containsEntry("UnitFileState", "disabled")
        .containsEntry("ActiveState", "inactive");
    assertThat(unit.get("ExecReload")).contains("/bin/kill").contains("-HUP");
  }

  @Test
  @Order(1)
  void theInstallTrainedAClassDataSharingArchiveForThisMachinesJvm() {
    assertThat(systemd.exec("test", "-s", CDS_ARCHIVE).exitCode()).as(CDS_ARCHIVE + " exists").isZero();
    // The launcher hands it to the JVM. -Xshare:on makes a JVM that cannot map it fail instead of starting
    // the slow way, as it silently would with a stale or unusable archive.
    String version = systemd.exec("sh", "-c", "PODKEEPER_JAVA_OPTS=-Xshare:on podkeeper --version").orThrow().stdout();
    assertThat(version).startsWith("podkeeper");
  }

  /**
   * Section 5: installing needs nothing by hand. The Depends alone (apt installed no Recommends) bring a
   * Podman that creates a bridge network and runs a container with a loopback port on it: netavark, which
   * calls iptables, and aardvark-dns. The only additions are for running nested on this kind of host
   * (test-rig.md): runc and cgroupfs when the host is on cgroup v1 (the outer container shares the host's
   * hierarchy, and crun, which podman's Depends prefer, refuses v1), rlimits no higher than the host's, and
   * vfs storage (no overlay on overlay).
   */
  @Test
  @Order(1)
  void podmanFromTheDependsRunsAContainerWithAPortOnANetwork() throws IOException {
    // netavark before podman in the Depends: apt then takes it for podman's "container-network-stack" and
    // does not add the CNI plugins, whose iptables would hide a missing one (as on a fresh machine, where
    // every container failed with "netavark: No such file or directory"). dpkg-query prints nothing for a
    // package it never knew.
    assertThat(systemd.exec("dpkg-query", "-W", "-f", "${Package} ${Status}\n", "podman", "netavark", "aardvark-dns",
        "iptables", "containernetworking-plugins").stdout().lines()).containsExactlyInAnyOrder(
        "podman install ok installed", "netavark install ok installed", "aardvark-dns install ok installed",
        "iptables install ok installed");

    long t0 = System.nanoTime();
    Path bin = inContainer(NESTED_ROOTFS).resolve("bin");
    Files.createDirectories(bin);
    Files.copy(Path.of("/bin/busybox"), bin.resolve("busybox"), REPLACE_EXISTING);
    boolean cgroupV2 = Files.getFileStore(Path.of("/sys/fs/cgroup")).type().equals("cgroup2");
    Files.writeString(inContainer("/etc/containers/containers.conf"), """
        [containers]
        default_ulimits = ["nofile=%1$d:%1$d", "nproc=32768:32768"]
        [engine]
        runtime = "%2$s"
        cgroup_manager = "cgroupfs"
        """.formatted(NESTED_NOFILE, cgroupV2 ? "crun" : "runc"));
    // A storage.conf replaces Podman's defaults whole: the two roots must be named too.
    Files.writeString(inContainer("/etc/containers/storage.conf"), """
        [storage]
        driver = "vfs"
        runroot = "/run/containers/storage"
        graphroot = "/var/lib/containers/storage"
        """);
    int port = 18080;
    String script = String.join(" && ",
        cgroupV2 ? "true" : "DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends runc >/dev/null",
        "cd " + NESTED_ROOTFS + " && for a in sh httpd mkdir echo; do ln -sf busybox bin/$a; done",
        "tar -c . | podman import --change 'ENV PATH=/bin' - localhost/pk-nested:1 >/dev/null",
        "podman network create --subnet 10.89.77.0/24 pk-nested-net >/dev/null",
        "podman run -d --name pk-nested-web --network pk-nested-net -p 127.0.0.1:" + port + ":8080"
            + " localhost/pk-nested:1 sh -c 'mkdir -p /www && echo nested > /www/index.html"
            + " && exec httpd -f -p 8080 -h /www' >/dev/null",
        "podman inspect -f '{{.State.Status}}' pk-nested-web");
    assertThat(systemd.exec(NESTED_LIMIT, "sh", "-c", script).orThrow().stdout().strip()).isEqualTo("running");
    // The port is bound in the outer container's own network namespace: ask from there.
    await().atMost(Duration.ofSeconds(30)).pollInterval(POLL).untilAsserted(() -> assertThat(systemd.exec(
        NESTED_ROOTFS + "/bin/busybox", "wget", "-q", "-O", "-", "http://127.0.0.1:" + port + "/").stdout().strip())
        .isEqualTo("nested"));
    System.err.printf("packaged agent: nested Podman: network, container and its port in %.1f s%n",
        (System.nanoTime() - t0) / 1e9);
  }

  @Test
  @Order(2)
  void enableNowTurnsActiveOnlyOnceTheFirstPassHasBroughtUpTheStack() {
    long t0 = System.nanoTime();
    systemd.exec("systemctl", "enable", "--now", "--no-block", UNIT).orThrow();

    // Type=notify: "active" means the agent sent READY=1, which it does after its first reconcile pass.
    await().atMost(START_LIMIT).pollInterval(POLL).until(() -> {
      String state = systemd.exec("systemctl", "is-active", UNIT).stdout().strip();
      assertThat(state).as("podkeeper.service's state (fails fast)").isNotEqualTo("failed");
      return state.equals("active");
    });
    System.err.printf("packaged agent: enable --now -> active in %.1f s%n", (System.nanoTime() - t0) / 1e9);

    // So the stack is up at that moment already, without waiting.
    assertThat(managedContainers()).filteredOn(ObservedContainer::running).extracting(ObservedContainer::name)
        .containsExactlyInAnyOrder(stack + "-web", stack + "-side");
    Map<String, String> unit = show("MainPID", "StatusText", "UnitFileState", "SubState", "WatchdogUSec");
    mainPid = unit.get("MainPID");
    assertThat(unit).containsEntry("UnitFileState", "enabled").containsEntry("SubState", "running")
        .containsEntry("WatchdogUSec", "30s");
    // The latest pass's summary as STATUS= (what `systemctl status` shows): the startup pass, or one that its
    // own engine events asked for since.
    assertThat(unit.get("StatusText")).matches("pass \\S+ \\(\\w+\\): converged (\\d+)/\\1, \\d+ actions, 0 failed, .*");
    // The launcher execs the JVM: systemd accepts READY=1 and pings only from the main process.
    assertThat(systemd.exec("ps", "-o", "comm=", "-p", mainPid).orThrow().stdout().strip()).isEqualTo("java");
    // ...which started from the archive the install trained.
    assertThat(systemd.exec("grep", "-c", CDS_ARCHIVE, "/proc/" + mainPid + "/maps").orThrow().stdout().strip())
        .isNotEqualTo("0");
  }

  @Test
  @Order(3)
  void theStackRunsInTheEngineWithItsLabelsNetworkAndPorts() {
    ObservedContainer web = container(stack + "-web").orElseThrow();
    ObservedContainer side = container(stack + "-side").orElseThrow();
    assertThat(List.of(web, side)).allSatisfy(c -> {
      assertThat(c.running()).as(c.name() + " running").isTrue();
      assertThat(c.labels()).containsEntry(Labels.STACK, stack).containsKey(Labels.SPEC_HASH);
      assertThat(c.image()).contains("podkeeper-test");
    });
    assertThat(side.namespaceProviderId()).contains(web.id());
    ObservedNetwork net = api.listNetworks().stream().filter(n -> n.name().equals(network)).findFirst()
        .orElseThrow(() -> new AssertionError("no network " + network + " in the engine"));
    assertThat(net.managedBy(stack)).isTrue();

    // The ports the agent published, from this host: side's httpd answers on web's port, in web's namespace.
    await().atMost(Duration.ofSeconds(30)).pollInterval(POLL).ignoreExceptions().untilAsserted(() -> {
      assertThat(httpGet(webPort)).isEqualTo("web");
      assertThat(httpGet(sidePort)).isEqualTo("side");
    });
  }

  @Test
  @Order(4)
  void theJournalHasTheReconcileLogOfThePass() {
    await().atMost(Duration.ofSeconds(30)).pollInterval(POLL).untilAsserted(() -> {
      List<String> log = journal();
      assertThat(actionLine(log, "create-network", network)).hasValueSatisfying(line ->
          assertThat(line).contains("trigger=startup").contains("outcome=ok").containsPattern("duration_ms=\\d+"));
      for (String name : List.of(stack + "-web", stack + "-side")) {
        assertThat(actionLine(log, "create-container", name)).hasValueSatisfying(line ->
            assertThat(line).contains("trigger=startup").contains("outcome=ok").contains("cause="));
      }
      assertThat(log).anyMatch(Pattern.compile(
          "^time=\\S+ pass=\\S+ trigger=startup converged=(\\d+)/\\1 actions=\\d+ failures=0 .*duration_ms=\\d+")
          .asPredicate());
    });
  }

  @Test
  @Order(5)
  void theSecretReachesTheContainerButNeverTheJournal() {
    assertThat(podman.podman("exec", stack + "-web", "sh", "-c", "echo \"$E2E_TOKEN\"").strip()).isEqualTo(secret);
    assertThat(Files.exists(inContainer(ENV_FILE))).as(ENV_FILE + " written").isTrue();

    // Spec section 4: secret values never appear in any log. The journal is the packaged agent's log.
    List<String> leaks = journal().stream().filter(line -> line.contains(secret)).limit(5).toList();
    assertThat(leaks).as("journal lines of podkeeper.service that show the secret value").isEmpty();
  }

  @Test
  @Order(6)
  void reloadReReadsTheEditedFileAndCreatesTheNewContainer() throws IOException {
    Instant webStarted = container(stack + "-web").flatMap(ObservedContainer::startedAt).orElseThrow();
    Path next = inContainer(STACK_FILE + ".new");
    Files.writeString(next, stackFile(true));

    // The edit and the reload in one go: nothing else (a periodic resync) gets between them.
    systemd.exec("sh", "-c", "mv -f " + STACK_FILE + ".new " + STACK_FILE + " && systemctl reload " + UNIT)
        .orThrow();

    await().atMost(CHANGE_LIMIT).pollInterval(POLL).until(() -> container(stack + "-extra")
        .filter(ObservedContainer::running).filter(c -> c.managedBy(stack)).isPresent());
    await().atMost(Duration.ofSeconds(30)).pollInterval(POLL).untilAsserted(() -> {
      List<String> log = journal();
      assertThat(log).anyMatch(line -> line.contains("SIGHUP"));
      assertThat(actionLine(log, "create-container", stack + "-extra")).hasValueSatisfying(line ->
          assertThat(line).contains("trigger=signal").contains("outcome=ok"));
    });
    await().atMost(Duration.ofSeconds(30)).pollInterval(POLL).ignoreExceptions()
        .untilAsserted(() -> assertThat(httpGet(extraPort)).isEqualTo("extra"));
    // A reload is not a restart: same agent process, the running containers untouched.
    Map<String, String> unit = show("MainPID", "ActiveState", "NRestarts");
    assertThat(unit).containsEntry("MainPID", mainPid).containsEntry("ActiveState", "active")
        .containsEntry("NRestarts", "0");
    assertThat(container(stack + "-web").flatMap(ObservedContainer::startedAt)).contains(webStarted);
  }

  @Test
  @Order(7)
  void theWatchdogIsPinged() {
    // WatchdogTimestamp moves on every WATCHDOG=1 systemd accepts; the agent pings every WatchdogSec/2 = 15 s.
    String first = show("WatchdogTimestampMonotonic").get("WatchdogTimestampMonotonic");
    await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(1)).until(() ->
        !show("WatchdogTimestampMonotonic").get("WatchdogTimestampMonotonic").equals(first));
    assertThat(show("MainPID", "NRestarts")).containsEntry("MainPID", mainPid).containsEntry("NRestarts", "0");
  }

  @Test
  @Order(8)
  void stopEndsTheAgentCleanlyAndLeavesEveryContainerRunning() {
    List<String> names = List.of(stack + "-web", stack + "-side", stack + "-extra");
    Map<String, ObservedContainer> before = new LinkedHashMap<>();
    names.forEach(n -> before.put(n, container(n).orElseThrow()));

    long t0 = System.nanoTime();
    systemd.exec("systemctl", "stop", UNIT).orThrow();
    System.err.printf("packaged agent: systemctl stop took %.1f s%n", (System.nanoTime() - t0) / 1e9);

    // Exit 0 on SIGTERM: a clean stop, not "failed".
    assertThat(show("ActiveState", "Result", "ExecMainStatus", "NRestarts"))
        .containsEntry("ActiveState", "inactive").containsEntry("Result", "success")
        .containsEntry("ExecMainStatus", "0").containsEntry("NRestarts", "0");
    for (String name : names) {
      ObservedContainer now = container(name).orElseThrow(() -> new AssertionError(name + " is gone"));
      assertThat(now.running()).as(name + " still running").isTrue();
      assertThat(now.id()).as(name + "'s id").isEqualTo(before.get(name).id());
      assertThat(now.startedAt()).as(name + "'s start time").isEqualTo(before.get(name).startedAt());
    }
    List<String> journal = journal();
    assertThat(journal).anyMatch(line -> line.contains("SIGTERM"));
    System.err.printf("packaged agent: %d journal lines from podkeeper.service in this test%n", journal.size());
  }

  @Test
  @Order(10)
  void aJdkChangeTrainsTheArchiveAgainAndRemovingThePackageTakesItAlong() {
    String before = systemd.exec("stat", "-c", "%Y.%i", CDS_ARCHIVE).orThrow().stdout().strip();
    // dpkg runs the postinst with "triggered" when a JDK package changes files under /usr/lib/jvm. (Not through
    // dpkg-trigger here: podman, a dependency, is missing, and dpkg then never processes the trigger.)
    assertThat(systemd.exec("cat", "/var/lib/dpkg/info/podkeeper.triggers").orThrow().stdout())
        .contains("interest-noawait /usr/lib/jvm");
    systemd.exec("/var/lib/dpkg/info/podkeeper.postinst", "triggered", "/usr/lib/jvm").orThrow();
    assertThat(systemd.exec("stat", "-c", "%Y.%i", CDS_ARCHIVE).orThrow().stdout().strip())
        .as("the archive's mtime and inode after the trigger").isNotEqualTo(before);

    systemd.exec("dpkg", "-r", "podkeeper").orThrow();

    assertThat(systemd.exec("test", "-e", "/var/cache/podkeeper").exitCode()).as("/var/cache/podkeeper is gone")
        .isNotZero();
    // The user's file stays (a conffile, until purge), and so do the containers.
    assertThat(systemd.exec("test", "-e", CONFFILE).exitCode()).as(CONFFILE + " kept").isZero();
    assertThat(managedContainers()).filteredOn(ObservedContainer::running).isNotEmpty();
  }

  // ---- the stack

  private static String stackFile(boolean withExtra) {
    String image = PodmanEngineFixture.TEST_IMAGE;
    StringBuilder yaml = new StringBuilder("""
        version: 1
        stack: %1$s
        networks:
          %2$s:
            subnet: %3$s
        envFiles:
          web-env:
            path: %9$s
            values:
              E2E_TOKEN: { fromFile: %10$s }
        containers:
          %1$s-web:
            image: %4$s
            network: %2$s
            envFiles: [web-env]
            ports:
              - 127.0.0.1:%5$d:8080
              - 127.0.0.1:%6$d:8081
            command: ["sh", "-c", "%7$s"]
            stopTimeout: 1s
          %1$s-side:
            image: %4$s
            network: container:%1$s-web
            command: ["sh", "-c", "%8$s"]
            stopTimeout: 1s
        """.formatted(stack, network, subnet, image, webPort, sidePort, httpd("web", 8080), httpd("side", 8081),
        ENV_FILE, SECRET_FILE));
    if (withExtra) {
      yaml.append("""
            %1$s-extra:
              image: %2$s
              network: %3$s
              ports: [127.0.0.1:%4$d:8080]
              command: ["sh", "-c", "%5$s"]
              stopTimeout: 1s
          """.formatted(stack, image, network, extraPort, httpd("extra", 8080)));
    }
    return yaml.toString();
  }

  /** A shell command serving {@code text} on {@code port} (busybox httpd; it ignores SIGTERM as PID 1). */
  private static String httpd(String text, int port) {
    return "mkdir -p /www && echo " + text + " > /www/index.html && exec httpd -f -p " + port + " -h /www";
  }

  /** Written beside and renamed over, so that no pass ever reads half a file. */
  private static void writeStackFile(String yaml) throws IOException {
    Path file = inContainer(STACK_FILE);
    Files.createDirectories(file.getParent());
    Path temp = file.resolveSibling(".stack.yaml.tmp");
    Files.writeString(temp, yaml);
    Files.move(temp, file, ATOMIC_MOVE, REPLACE_EXISTING);
  }

  // ---- looking at the engine and the service

  private static List<ObservedContainer> managedContainers() {
    return api.listContainers().stream().filter(c -> c.managedBy(stack)).toList();
  }

  private static Optional<ObservedContainer> container(String name) {
    return api.listContainers().stream().filter(c -> c.name().equals(name)).findFirst();
  }

  private static String httpGet(int port) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    return response.body().strip();
  }

  /** {@code systemctl show podkeeper.service -p NAME...} as a map. */
  private static Map<String, String> show(String... properties) {
    List<String> argv = new ArrayList<>(List.of("systemctl", "show", UNIT));
    for (String p : properties) {
      argv.add("-p");
      argv.add(p);
    }
    Map<String, String> values = new LinkedHashMap<>();
    systemd.exec(argv.toArray(String[]::new)).orThrow().stdout().lines().forEach(line -> {
      int eq = line.indexOf('=');
      if (eq > 0) {
        values.put(line.substring(0, eq), line.substring(eq + 1));
      }
    });
    return values;
  }

  /** The service's messages, without journald's prefixes. */
  private static List<String> journal() {
    return systemd.exec("journalctl", "-u", UNIT, "--no-pager", "-o", "cat").orThrow().stdout().lines().toList();
  }

  /** The reconcile log's line for {@code action} on {@code target} (logfmt; the last one if there are several). */
  private static Optional<String> actionLine(List<String> log, String action, String target) {
    return log.stream().filter(line -> line.startsWith("time="))
        .filter(line -> line.contains(" action=" + action + " ") && line.contains(" target=" + target + " "))
        .reduce((first, second) -> second);
  }

  private static Path inContainer(String absolutePath) {
    return systemd.rootFs().resolve(absolutePath.substring(1));
  }

  /** The newest packaging/target/podkeeper_*.deb; the reactor builds packaging before this module. */
  private static Path builtPackage() throws IOException {
    Path target = RepoScripts.repo().resolve("packaging/target");
    try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
      return files.filter(p -> p.getFileName().toString().matches("podkeeper_.*\\.deb"))
          .max(Comparator.comparing(p -> p.toFile().lastModified()))
          .orElseThrow(() -> new IllegalStateException("no podkeeper_*.deb in " + target + ": build it first "
              + "(mvn verify from the repository root, or mvn -pl model,podman-adapter,systemd-adapter,agent,"
              + "packaging install -DskipTests)"));
    }
  }

  /** On a failure: what systemd says about the service, and its journal. */
  static final class PrintServiceOnFailure implements TestWatcher {
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      if (systemd == null) {
        return;
      }
      try {
        System.err.println("---- systemctl status " + UNIT + "\n"
            + systemd.exec("systemctl", "status", "--no-pager", "-l", UNIT).stdout());
        System.err.println("---- journalctl -u " + UNIT + " (last 300 lines)\n"
            + systemd.exec("journalctl", "-u", UNIT, "--no-pager", "-n", "300").stdout());
        // A flood of output makes journald drop messages (RateLimitBurst=): then log lines are missing.
        System.err.println("---- journald's own messages\n"
            + systemd.exec("journalctl", "-u", "systemd-journald", "--no-pager", "-n", "20").stdout());
      } catch (RuntimeException e) {
        System.err.println("could not read the service's state: " + e);
      }
    }
  }

  // ---- the journal's fields (spec section 9): after the service has stopped, its journal is still there

  /** {@code journalctl -u podkeeper PODKEEPER_TARGET=<a container>} is that container's history, each line once. */
  @Test
  @Order(100)
  void theJournalFiltersOneContainersHistoryByItsFields() {
    String web = stack + "-web";
    String verbose = systemd.exec("journalctl", "-u", UNIT, "PODKEEPER_TARGET=" + web, "--no-pager", "-o", "verbose")
        .orThrow().stdout();
    System.err.println("---- journalctl -u " + UNIT + " PODKEEPER_TARGET=" + web + " -o verbose\n" + verbose);

    List<String> entries = List.of(verbose.split("\n(?=\\S)")); // an entry starts at a line without indent
    List<String> created = entries.stream().filter(e -> e.contains("PODKEEPER_ACTION=create-container")).toList();
    assertThat(created).singleElement().asString().contains("PODKEEPER_TARGET=" + web, "PODKEEPER_TRIGGER=startup",
        "PODKEEPER_OUTCOME=ok", "PODKEEPER_CAUSE=", "PRIORITY=6", "SYSLOG_IDENTIFIER=podkeeper",
        "_SYSTEMD_UNIT=" + UNIT, "MESSAGE=time=").containsPattern("PODKEEPER_PASS=[0-9a-f]+")
        .containsPattern("PODKEEPER_DURATION_MS=\\d+");
    assertThat(Pattern.compile("(?m)^ +PODKEEPER_TARGET=(.*)$").matcher(verbose).results().map(m -> m.group(1)))
        .as("the targets of the filtered entries").isNotEmpty().allMatch(web::equals);
    // Once: the entry went to the journal's socket, not also to stdout (which is a journal stream too).
    assertThat(journal()).filteredOn(line -> line.contains(" action=create-container target=" + web + " "))
        .hasSize(1);
    // Spec section 4 for the fields too: every field of every entry of the service, the secret in none.
    assertThat(systemd.exec("journalctl", "-u", UNIT, "--no-pager", "-o", "verbose").orThrow().stdout())
        .doesNotContain(secret);
  }

  // ---- start-up: a first pass longer than systemd's start timeout (spec section 5)

  /**
   * A restart whose first pass waits ~30 s for a health check, under a TimeoutStartSec= of 10 s: the agent's
   * EXTEND_TIMEOUT_USEC= keeps systemd from killing it, so the one process that started turns active after its
   * pass, without a restart. Between the stop test and the package's removal, as the unit is inactive then;
   * the class's own stack file is back afterwards and the agent stopped again, as the stop test left it.
   */
  @Test
  @Order(9)
  void aFirstPassLongerThanTheStartTimeoutExtendsItInsteadOfBeingKilled() throws IOException {
    String slowStack = stack + "-slow";
    String slowNetwork = slowStack + "-net";
    String slowSubnet = otherSubnetThan(subnet);
    Path dropIn = inContainer(SHORT_START_DROP_IN);
    try {
      Files.createDirectories(dropIn.getParent());
      Files.writeString(dropIn, "[Service]\nTimeoutStartSec=" + SHORT_START_TIMEOUT.toSeconds() + "s\n");
      systemd.exec("systemctl", "daemon-reload").orThrow();
      assertThat(show("TimeoutStartUSec")).containsEntry("TimeoutStartUSec", SHORT_START_TIMEOUT.toSeconds() + "s");
      // New names: nothing of this stack exists yet, so the first pass creates both and waits for health.
      writeStackFile(slowStackFile(slowStack, slowNetwork, slowSubnet));
      String since = systemd.exec("date", "+%s").orThrow().stdout().strip();

      long t0 = System.nanoTime();
      systemd.exec("systemctl", "restart", "--no-block", UNIT).orThrow();
      String[] startup = {"ActiveState", "SubState", "Result", "NRestarts", "ExecMainPID"};
      String pid = await().atMost(SHORT_START_TIMEOUT).pollInterval(POLL).until(() -> show(startup),
          unit -> unit.get("ActiveState").equals("activating") && !unit.get("ExecMainPID").equals("0"))
          .get("ExecMainPID");
      // Past the start timeout and then some: the same process, still starting, never restarted.
      Map<String, String> starting = Map.of("ActiveState", "activating", "SubState", "start", "NRestarts", "0",
          "ExecMainPID", pid);
      await().during(SHORT_START_TIMEOUT.plusSeconds(5)).atMost(SHORT_START_TIMEOUT.plusSeconds(15))
          .pollInterval(POLL).untilAsserted(() -> assertThat(show(startup)).containsAllEntriesOf(starting));
      // READY=1 once the pass is done, by that same process.
      await().atMost(Duration.ofSeconds(90)).pollInterval(POLL).until(() -> {
        Map<String, String> unit = show(startup);
        assertThat(unit).as("podkeeper.service (fails fast)").containsEntry("ExecMainPID", pid)
            .containsEntry("NRestarts", "0").containsEntry("Result", "success");
        return unit.get("ActiveState").equals("active");
      });
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.err.printf("packaged agent: restart -> active in %.1f s under TimeoutStartSec=%ds%n", seconds,
          SHORT_START_TIMEOUT.toSeconds());
      assertThat(seconds).as("seconds from restart to active").isGreaterThan(SHORT_START_TIMEOUT.toSeconds());
      assertThat(container(slowStack + "-after")).as(slowStack + "-after").hasValueSatisfying(c ->
          assertThat(c.running()).isTrue());
      List<String> thisStart = systemd.exec("journalctl", "-u", UNIT, "--since", "@" + since, "--no-pager", "-o", "cat")
          .orThrow().stdout().lines().toList();
      assertThat(thisStart).as("the journal of this start").isNotEmpty()
          .noneMatch(line -> line.contains("start operation timed out"));
    } finally {
      // The agent first, or it would put back what is removed next.
      systemd.exec("systemctl", "stop", UNIT);
      Files.deleteIfExists(dropIn);
      systemd.exec("systemctl", "daemon-reload").orThrow();
      systemd.exec("systemctl", "reset-failed", UNIT);
      writeStackFile(stackFile(true));
      api.listContainers().stream().filter(c -> c.name().startsWith(slowStack + "-"))
          .forEach(c -> api.removeContainer(c.id()));
      api.listNetworks().stream().filter(n -> n.name().equals(slowNetwork)).forEach(n -> api.removeNetwork(n.id()));
    }
  }

  /**
   * A stack whose first pass lasts ~30 s: {@code -after} depends on {@code -slow}, whose health check passes
   * only 25 s after it starts, so the pass waits for it; the start period keeps it from being unhealthy before.
   */
  private static String slowStackFile(String slowStack, String slowNetwork, String slowSubnet) {
    return """
        version: 1
        stack: %1$s
        networks:
          %2$s:
            subnet: %3$s
        containers:
          %1$s-slow:
            image: %4$s
            network: %2$s
            command: ["sh", "-c", "trap 'exit 0' TERM; sleep 25; touch /tmp/ok; while :; do sleep 1; done"]
            health:
              test: [CMD-SHELL, test -f /tmp/ok]
              interval: 2s
              retries: 3
              startPeriod: 60s
            stopTimeout: 1s
          %1$s-after:
            image: %4$s
            network: %2$s
            dependsOn: [%1$s-slow]
            command: ["sh", "-c", "%5$s"]
            stopTimeout: 1s
        """.formatted(slowStack, slowNetwork, slowSubnet, PodmanEngineFixture.TEST_IMAGE, httpd("after", 8080));
  }

  private static String otherSubnetThan(String taken) {
    String other;
    do {
      other = podman.randomSubnet();
    } while (other.equals(taken));
    return other;
  }
}
