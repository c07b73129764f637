package dev.podkeeper.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.it.AgentCommand;
import dev.podkeeper.it.PodmanEngineFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code apply} as root among files a container user planted (issue 10's findings 1 and 2): a managed
 * directory swapped for a link to root's directory, and a FIFO as a secret file. Each is reported for its
 * object; nothing is chowned through the link, nothing hangs. The stacks have no containers: the engine
 * only answers apply's look at it.
 */
class HostileFilesystemIT {
  private static final PodmanEngineFixture.Engine ENGINE = PodmanEngineFixture.get();
  private static final int USER = 1000;

  @TempDir
  static Path dir;

  private static String stack;

  @BeforeAll
  static void names() {
    stack = ENGINE.uniqueName("hostile").toLowerCase();
  }

  @Test
  void aManagedDirectorySwappedForALinkToRootsDirectoryIsReportedAndTheTargetKeepsRootAsOwner() throws Exception {
    Path data = dir.resolve("link-case/data");
    Path app = data.resolve("app");
    Path victim = Files.createDirectories(dir.resolve("link-case/victim"));
    Path file = dir.resolve("link-case/stack.yaml");
    Files.writeString(file, """
        version: 1
        stack: %s
        defaults: { owner: "%d:%d" }
        directories:
          - path: %s
          - { path: %s, owner: "%d:%d", mode: "0750" }
        """.formatted(stack, USER, USER, data, app, USER, USER));
    AgentCommand first = AgentCommand.run(dir.resolve("link-case/first.log"), "apply", file, ENGINE.socket());
    assertThat(first.exitCode()).as(first.output()).isZero();
    assertThat(ownerOf(app)).isEqualTo(USER + ":" + USER);

    Object victimMode = Files.getAttribute(victim, "unix:mode");

    // What user 1000, owner of data, can do: put a link to a directory of root's in place of app.
    Files.delete(app);
    Files.createSymbolicLink(app, victim);
    Files.setAttribute(app, "unix:uid", USER, LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(app, "unix:gid", USER, LinkOption.NOFOLLOW_LINKS);

    AgentCommand second = AgentCommand.run(dir.resolve("link-case/second.log"), "apply", file, ENGINE.socket());

    assertThat(second.exitCode()).as(second.output()).isNotZero();
    assertThat(second.output()).contains(app + " is a symbolic link");
    assertThat(ownerOf(victim)).as("the link's target").isEqualTo("0:0");
    assertThat(Files.getAttribute(victim, "unix:mode")).isEqualTo(victimMode);
  }

  @Test
  void aFifoAsASecretFailsItsEnvFileAtOnce() throws Exception {
    Path secret = dir.resolve("fifo-case/secret");
    Files.createDirectories(secret.getParent());
    Process mkfifo = new ProcessBuilder("mkfifo", secret.toString()).inheritIO().start();
    assertThat(mkfifo.waitFor()).isZero();
    Path file = dir.resolve("fifo-case/stack.yaml");
    Files.writeString(file, """
        version: 1
        stack: %s-fifo
        envFiles:
          app:
            path: %s
            values: { PASSWORD: { fromFile: %s } }
        """.formatted(stack, dir.resolve("fifo-case/app.env"), secret));

    try (AgentCommand apply = AgentCommand.start(dir.resolve("fifo-case/apply.log"), "apply", file, ENGINE.socket())) {
      assertThat(apply.exitsWithin(Duration.ofSeconds(60))).as("apply ends; it hung on the FIFO before").isTrue();
      assertThat(apply.exitCode()).as(apply.output()).isNotZero();
      assertThat(apply.output()).contains(secret + " is a FIFO, not a regular file");
    }
    assertThat(dir.resolve("fifo-case/app.env")).doesNotExist();
  }

  private static String ownerOf(Path path) throws IOException {
    Map<String, Object> a = Files.readAttributes(path, "unix:uid,gid", LinkOption.NOFOLLOW_LINKS);
    return a.get("uid") + ":" + a.get("gid");
  }
}
