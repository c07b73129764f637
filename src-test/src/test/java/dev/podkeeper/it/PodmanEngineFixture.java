package dev.podkeeper.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
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
      Path dir = RepoScripts.newEngineDirectory("podman");
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
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        return s.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
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

    /** As {@link #podman}, for cleanup: a failure (the object is already gone) is ignored. */
    public void podmanQuietly(String... args) {
      try {
        podman(args);
      } catch (RuntimeException ignored) {
        // Nothing to clean up.
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
