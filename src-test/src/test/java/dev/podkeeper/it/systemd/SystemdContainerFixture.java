package dev.podkeeper.it.systemd;

import static org.awaitility.Awaitility.await;

import dev.podkeeper.it.PodmanEngineFixture;
import dev.podkeeper.it.RepoScripts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real systemd 252 (Debian bookworm, PID 1 = /sbin/init) in a container of the tests' private Podman
 * engine ({@link PodmanEngineFixture}), and the address of its system bus as seen from this host:
 * {@code unix:path=/proc/<pid>/root/run/dbus/system_bus_socket}.
 *
 * <p>The image comes from {@code scripts/build-systemd-image.sh}: debootstrap once per recipe (cached under
 * /var/tmp/podkeeper-test-cache), then an import per engine. It holds the test units pk-ok.service (starts,
 * stays active), pk-fail.service (its start job fails), pk-oneshot.service and pk-hang.service (a start job
 * that never finishes); see the script. The container has no network and its own PID namespace and cgroup:
 * the host's systemd never sees its units.
 *
 * <p>{@link #shared()} is one container per test JVM, removed with the engine's containers when the JVM
 * exits; tests that change more than the test units' state should {@link #start} their own.
 */
public final class SystemdContainerFixture implements AutoCloseable {
  private static final Duration IMAGE_TIMEOUT = Duration.ofMinutes(15);
  private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration PODMAN_TIMEOUT = Duration.ofSeconds(60);
  private static final Set<String> BOOTED = Set.of("running", "degraded");
  private static final AtomicReference<SystemdContainerFixture> SHARED = new AtomicReference<>();

  private final String engineSocket;
  private final String name;
  private final long pid;

  private SystemdContainerFixture(String engineSocket, String name, long pid) {
    this.engineSocket = engineSocket;
    this.name = name;
    this.pid = pid;
  }

  /** The per-JVM container, booted on first use. */
  public static synchronized SystemdContainerFixture shared() {
    SystemdContainerFixture fixture = SHARED.get();
    if (fixture == null) {
      fixture = start(List.of());
      SHARED.set(fixture);
    }
    return fixture;
  }

  /**
   * Boots a new systemd container; the caller closes it.
   *
   * @param extraRunArgs more {@code podman run} options, e.g. {@code -v /host/podman.sock:/run/podman/podman.sock}
   */
  public static SystemdContainerFixture start(List<String> extraRunArgs) {
    PodmanEngineFixture.Engine engine = PodmanEngineFixture.get();
    long t0 = System.nanoTime();
    String image = Command.run(IMAGE_TIMEOUT,
        List.of(RepoScripts.repo().resolve("scripts/build-systemd-image.sh").toString(), engine.socket()))
        .orThrow().stdout().strip();
    long t1 = System.nanoTime();

    String name = engine.uniqueName("pk-systemd");
    List<String> run = new ArrayList<>(List.of("run", "-d", "--name", name, "--network", "none"));
    run.addAll(extraRunArgs);
    run.add(image);
    podman(engine.socket(), run).orThrow();
    SystemdContainerFixture fixture;
    try {
      long pid = Long.parseLong(podman(engine.socket(), List.of("inspect", "-f", "{{.State.Pid}}", name))
          .orThrow().stdout().strip());
      fixture = new SystemdContainerFixture(engine.socket(), name, pid);
      fixture.awaitBooted();
    } catch (RuntimeException e) {
      podman(engine.socket(), List.of("rm", "-f", "-t", "2", name));
      throw e;
    }
    System.err.printf("systemd fixture: image %s ready in %.1f s, container %s booted in %.1f s%n",
        image, (t1 - t0) / 1e9, name, (System.nanoTime() - t1) / 1e9);
    return fixture;
  }

  /** The container's system bus, for {@code --systemd-bus} or a D-Bus client on this host. */
  public String busAddress() {
    return "unix:path=" + busSocket();
  }

  /** The container's root file system as seen from this host (root may read and write it). */
  public Path rootFs() {
    return Path.of("/proc/" + pid + "/root");
  }

  private Path busSocket() {
    return rootFs().resolve("run/dbus/system_bus_socket");
  }

  public String containerName() {
    return name;
  }

  /** Runs a command inside the container, e.g. {@code systemctl is-enabled pk-ok.service}. */
  public Command exec(String... command) {
    List<String> argv = new ArrayList<>(List.of("exec", name));
    argv.addAll(List.of(command));
    return podman(engineSocket, argv);
  }

  @Override
  public void close() {
    podman(engineSocket, List.of("rm", "-f", "-t", "5", name));
  }

  /** The podman CLI against the private engine; unlike the engine fixture's, it leaves a non-zero exit to us. */
  private static Command podman(String socket, List<String> args) {
    List<String> argv = new ArrayList<>(List.of("podman", "--url", socket));
    argv.addAll(args);
    return Command.run(PODMAN_TIMEOUT, argv);
  }

  private void awaitBooted() {
    AtomicReference<String> state = new AtomicReference<>("(no answer)");
    try {
      await().atMost(BOOT_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
        // is-system-running exits non-zero for "starting" and "degraded": read what it says, not its status.
        state.set(exec("systemctl", "is-system-running").stdout().strip());
        return BOOTED.contains(state.get()) && Files.exists(busSocket());
      });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      String failed = exec("systemctl", "--failed", "--no-legend").stdout();
      throw new IllegalStateException("systemd in " + name + " did not boot within " + BOOT_TIMEOUT.toSeconds()
          + " s: is-system-running says \"" + state.get() + "\"; failed units: " + failed, e);
    }
  }
}
