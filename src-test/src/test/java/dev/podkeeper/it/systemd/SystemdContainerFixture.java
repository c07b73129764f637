package dev.podkeeper.it.systemd;

import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import dev.podkeeper.it.PodmanEngineFixture;
import dev.podkeeper.it.RepoScripts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.FrameConsumerResultCallback;
import org.testcontainers.containers.output.OutputFrame.OutputType;
import org.testcontainers.containers.output.ToStringConsumer;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * A real systemd 252 (Debian bookworm, PID 1 = /sbin/init) as a Testcontainers container of the tests'
 * private Podman engine ({@link PodmanEngineFixture}, reached through {@link dev.podkeeper.it.PrivateEngineStrategy}),
 * and the address of its system bus as seen from this host: {@code unix:path=/proc/<pid>/root/run/dbus/system_bus_socket}.
 * Testcontainers creates, starts (until systemd has booted) and removes it; Ryuk is off (its image cannot be
 * pulled here), so what a test does not close goes when the JVM exits.
 *
 * <p>The image comes from {@code scripts/build-systemd-image.sh}: debootstrap once per recipe (cached under
 * /var/tmp/podkeeper-test-cache), then an import per engine. It holds the test units pk-ok.service (starts,
 * stays active), pk-fail.service (its start job fails), pk-oneshot.service and pk-hang.service (a start job
 * that never finishes); see the script. By default the container has no network and its own PID namespace
 * and cgroup: the host's systemd never sees its units.
 *
 * <p>{@link #shared()} is one container per test JVM; tests that change more than the test units' state
 * {@link #create} their own, configure it, and {@link #boot} it.
 */
public final class SystemdContainerFixture extends GenericContainer<SystemdContainerFixture> {
  private static final Duration IMAGE_TIMEOUT = Duration.ofMinutes(15);
  private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration EXEC_TIMEOUT = Duration.ofSeconds(60);
  private static final Set<String> BOOTED = Set.of("running", "degraded");
  private static final AtomicReference<SystemdContainerFixture> SHARED = new AtomicReference<>();
  private static String image;

  private final String name;

  private SystemdContainerFixture(String image, String name) {
    super(DockerImageName.parse(image));
    this.name = name;
    withCommand("/sbin/init");
    withNetworkMode("none");
    withCreateContainerCmdModifier(cmd -> cmd.withName(name));
    waitingFor(new SystemdBooted());
  }

  /** The per-JVM container, booted on first use. */
  public static synchronized SystemdContainerFixture shared() {
    SystemdContainerFixture fixture = SHARED.get();
    if (fixture == null) {
      fixture = create().boot();
      SHARED.set(fixture);
    }
    return fixture;
  }

  /** A new systemd container, not started yet: configure it, then {@link #boot} it; the caller closes it. */
  public static SystemdContainerFixture create() {
    PodmanEngineFixture.Engine engine = PodmanEngineFixture.get();
    return new SystemdContainerFixture(image(engine), engine.uniqueName("pk-systemd"));
  }

  /**
   * A network namespace of its own on the engine's default bridge, with outbound access (Debian's archive,
   * for apt-get inside), instead of none. Not the host's: what runs inside binds its ports there.
   */
  public SystemdContainerFixture withOutboundNetwork() {
    return withNetworkMode("bridge");
  }

  /**
   * What a Podman engine inside needs (test-rig.md): privileged, and the host's cgroup namespace and
   * hierarchy, writable, so that its runtime can make cgroups for the inner containers.
   */
  public SystemdContainerFixture withNestedContainers() {
    return withPrivilegedMode(true)
        .withFileSystemBind("/sys/fs/cgroup", "/sys/fs/cgroup", BindMode.READ_WRITE)
        .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withCgroupnsMode("host"));
  }

  /** Starts the container and waits until systemd has booted; a container that does not boot is removed. */
  public SystemdContainerFixture boot() {
    long t0 = System.nanoTime();
    try {
      start();
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
    System.err.printf("systemd fixture: container %s booted in %.1f s%n", name, (System.nanoTime() - t0) / 1e9);
    return this;
  }

  /** The container's system bus, for {@code --systemd-bus} or a D-Bus client on this host. */
  public String busAddress() {
    return "unix:path=" + busSocket();
  }

  /** The container's root file system as seen from this host (root may read and write it). */
  public Path rootFs() {
    return Path.of("/proc/" + getContainerInfo().getState().getPidLong() + "/root");
  }

  private Path busSocket() {
    return rootFs().resolve("run/dbus/system_bus_socket");
  }

  public String containerName() {
    return name;
  }

  /** Runs a command inside the container, e.g. {@code systemctl is-enabled pk-ok.service}, for at most a minute. */
  public Command exec(String... command) {
    return exec(EXEC_TIMEOUT, command);
  }

  /**
   * As {@link #exec(String...)}, bounded by {@code timeout}. Not Testcontainers' {@code execInContainer}: that
   * one waits without a deadline, and a hung {@code systemctl} would hang the test run.
   */
  public Command exec(Duration timeout, String... command) {
    DockerClient client = getDockerClient();
    String exec = client.execCreateCmd(getContainerId()).withCmd(command).withAttachStdout(true)
        .withAttachStderr(true).exec().getId();
    ToStringConsumer stdout = new ToStringConsumer();
    ToStringConsumer stderr = new ToStringConsumer();
    try (FrameConsumerResultCallback callback = new FrameConsumerResultCallback()) {
      callback.addConsumer(OutputType.STDOUT, stdout);
      callback.addConsumer(OutputType.STDERR, stderr);
      client.execStartCmd(exec).exec(callback);
      if (!callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(List.of(command) + " in " + name + " did not finish within "
            + timeout.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + List.of(command) + " in " + name, e);
    } catch (IOException e) {
      throw new UncheckedIOException("closing the output of " + List.of(command) + " in " + name, e);
    }
    Long exit = client.inspectExecCmd(exec).exec().getExitCodeLong();
    return new Command(List.of(command), exit == null ? -1 : exit.intValue(), stdout.toUtf8String(),
        stderr.toUtf8String());
  }

  /** The image, built or found once per JVM. */
  private static synchronized String image(PodmanEngineFixture.Engine engine) {
    if (image == null) {
      long t0 = System.nanoTime();
      image = Command.run(IMAGE_TIMEOUT,
          List.of(RepoScripts.repo().resolve("scripts/build-systemd-image.sh").toString(), engine.socket()))
          .orThrow().stdout().strip();
      System.err.printf("systemd fixture: image %s ready in %.1f s%n", image, (System.nanoTime() - t0) / 1e9);
    }
    return image;
  }

  /** Ready once systemd says it has booted and its bus socket is there. */
  private final class SystemdBooted extends AbstractWaitStrategy {
    @Override
    protected void waitUntilReady() {
      AtomicReference<String> state = new AtomicReference<>("(no answer)");
      try {
        await().atMost(BOOT_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
          // is-system-running exits non-zero for "starting" and "degraded": read what it says, not its status.
          state.set(exec("systemctl", "is-system-running").stdout().strip());
          return BOOTED.contains(state.get()) && Files.exists(busSocket());
        });
      } catch (ConditionTimeoutException e) {
        String failed = exec("systemctl", "--failed", "--no-legend").stdout();
        throw new IllegalStateException("systemd in " + name + " did not boot within " + BOOT_TIMEOUT.toSeconds()
            + " s: is-system-running says \"" + state.get() + "\"; failed units: " + failed, e);
      }
    }
  }
}
