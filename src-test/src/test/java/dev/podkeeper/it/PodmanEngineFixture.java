package dev.podkeeper.it;

import dev.podkeeper.model.testing.LoopbackPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One private Podman engine per test JVM: started on first use with {@code scripts/podman-engine.sh} in a
 * fresh directory under {@code src-test/target/}, with the busybox test image imported once by
 * {@code scripts/build-test-image.sh}, and stopped (its containers removed) when the JVM exits.
 *
 * <p>Use {@link #get()}, or {@code @ExtendWith(PodmanEngineFixture.class)} and take it as a parameter.
 * Networks, bridges and host ports are host-wide even with a private engine: name things with
 * {@link #uniqueName}, publish on {@link #freeLoopbackPort}, and pick subnets with {@link #randomSubnet}.
 */
public final class PodmanEngineFixture implements ParameterResolver {
  public static final String TEST_IMAGE = "localhost/podkeeper-test:1";

  private static Engine engine;
  private static RuntimeException failure;

  /** The shared engine, started on first call; a failed start is not retried by every test. */
  public static synchronized Engine get() {
    if (failure != null) {
      throw new IllegalStateException("the private Podman engine did not start (see the first failure)", failure);
    }
    if (engine == null) {
      try {
        engine = Engine.start();
      } catch (RuntimeException e) {
        failure = e;
        throw e;
      }
    }
    return engine;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
    return parameter.getParameter().getType() == Engine.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
    return get();
  }

  /** A running private engine. */
  public static final class Engine {
    private final Path dir;
    private final String socket;

    private Engine(Path dir, String socket) {
      this.dir = dir;
      this.socket = socket;
    }

    static Engine start() {
      return start(RepoScripts.newEngineDirectory("podman"));
    }

    /**
     * A private engine of the caller's own, beside the shared one, that pulls from these plain-HTTP registries
     * ({@code 127.0.0.1:PORT}) as from any other: its registries.conf marks them insecure, since the compat API's
     * pull, podkeeper's, has no TLS switch. Started with the test image, stopped when the JVM exits.
     */
    public static Engine startTrusting(String prefix, String... insecureRegistries) {
      Path dir = RepoScripts.newEngineDirectory(prefix);
      StringBuilder conf = new StringBuilder("# Written by PodmanEngineFixture: test registries on plain HTTP.\n");
      for (String registry : insecureRegistries) {
        conf.append("[[registry]]\nlocation = \"").append(registry).append("\"\ninsecure = true\n");
      }
      try {
        Files.writeString(dir.resolve("registries.conf"), conf);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return start(dir);
    }

    private static Engine start(Path dir) {
      String socket = RepoScripts.lastLine(RepoScripts.script("podman-engine.sh", "start", dir.toString()));
      Engine started = new Engine(dir, socket);
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "stop-private-podman"));
      RepoScripts.script("build-test-image.sh", socket, TEST_IMAGE);
      return started;
    }

    /** {@code unix:///.../podman.sock} */
    public String socket() {
      return socket;
    }

    public String image() {
      return TEST_IMAGE;
    }

    public Path dir() {
      return dir;
    }

    /** {@code base-<6 random letters and digits>}: valid for containers, networks and volumes. */
    public String uniqueName(String base) {
      return base + "-" + Long.toString(ThreadLocalRandom.current().nextLong(60_466_176L, 2_176_782_336L), 36);
    }

    /** A host port on 127.0.0.1 that was free a moment ago. */
    public int freeLoopbackPort() {
      return LoopbackPorts.free();
    }

    /** A /24 in 10.200.0.0-10.249.255.0, unlikely to clash with another network on this host. */
    public String randomSubnet() {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      return "10." + random.nextInt(200, 250) + "." + random.nextInt(256) + ".0/24";
    }

    /** Runs the podman CLI against this engine ({@code podman --url SOCKET ARGS}); returns its stdout. */
    public String podman(String... args) {
      List<String> command = new ArrayList<>(List.of("podman", "--url", socket));
      command.addAll(List.of(args));
      return RepoScripts.run(command);
    }

    /**
     * The network namespace a running container's process is in, as {@code readlink /proc/PID/ns/net} says
     * ({@code net:[INODE]}): equal for a namespace provider and the members that joined it.
     */
    public String networkNamespace(String container) {
      String pid = podman("inspect", "--format", "{{.State.Pid}}", container).strip();
      try {
        return Files.readSymbolicLink(Path.of("/proc", pid, "ns", "net")).toString();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the network namespace of " + container + " (pid " + pid + ")", e);
      }
    }

    /** As {@link #podman}, for cleanup: a failure (the object is already gone) is ignored. */
    public void podmanQuietly(String... args) {
      try {
        podman(args);
      } catch (RuntimeException ignored) {
        // Nothing to clean up.
      }
    }

    /**
     * Removes these pods (with their containers), and what Podman 4.3.1 leaves of their cgroups on a cgroup
     * v1 host: it removes a pod's cgroup from the controllers' hierarchies only, not from name=systemd and
     * the unified one, where runc made it for the pod's containers. Those are empty directories in the
     * kernel's cgroup trees, not under this engine's directory, so they would outlive it. A pod that is not
     * there is skipped.
     */
    public void removePodsQuietly(String... names) {
      for (String name : names) {
        String[] idAndPath;
        try {
          idAndPath = podman("pod", "inspect", "--format", "{{.ID}} {{.CgroupPath}}", name).strip().split(" ");
        } catch (RuntimeException noSuchPod) {
          continue;
        }
        podmanQuietly("pod", "rm", "--force", "--time", "0", name);
        boolean podsOwnCgroup = idAndPath.length == 2 && idAndPath[0].matches("[0-9a-f]{64}")
            && idAndPath[1].endsWith("/" + idAndPath[0]);
        if (podsOwnCgroup) {
          removeEmptyCgroups(idAndPath[1].substring(1));
        }
      }
    }

    private static void removeEmptyCgroups(String relativePath) {
      Path root = Path.of("/sys/fs/cgroup");
      List<Path> candidates = new ArrayList<>(List.of(root.resolve(relativePath)));
      try (Stream<Path> hierarchies = Files.list(root)) {
        hierarchies.map(h -> h.resolve(relativePath)).forEach(candidates::add);
      } catch (IOException e) {
        return;
      }
      for (Path cgroup : candidates) {
        try {
          // rmdir: the kernel refuses a cgroup that still has processes or children.
          Files.deleteIfExists(cgroup);
        } catch (IOException stillInUse) {
          // Not ours to force.
        }
      }
    }

    void stop() {
      try {
        RepoScripts.script("podman-engine.sh", "stop", dir.toString());
      } catch (RuntimeException e) {
        System.err.println("stopping the private Podman engine in " + dir + " failed: " + e.getMessage());
      }
    }
  }
}
