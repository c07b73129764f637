package dev.podkeeper.agent.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.podkeeper.model.desired.FileMode;
import dev.podkeeper.model.desired.Ownership;
import dev.podkeeper.model.port.HostFiles.PathAttributes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real file system, in a temporary directory. */
class LocalHostFilesTest {
  private final LocalHostFiles files = new LocalHostFiles();

  @TempDir
  Path dir;

  @Test
  void attributesOfAMissingPathAreEmpty() throws IOException {
    assertThat(files.attributes(dir.resolve("nope"))).isEmpty();
  }

  @Test
  void createsMissingDirectoriesWithOwnerAndModeAndLeavesExistingOnesAlone() throws IOException {
    Files.setAttribute(dir, "unix:mode", 0711);
    Ownership me = currentOwner();

    files.createDirectories(dir.resolve("a/b"), me, new FileMode(0750));

    assertThat(files.attributes(dir.resolve("a"))).contains(new PathAttributes(true, me, new FileMode(0750)));
    assertThat(files.attributes(dir.resolve("a/b"))).contains(new PathAttributes(true, me, new FileMode(0750)));
    assertThat(files.attributes(dir)).map(PathAttributes::mode).contains(new FileMode(0711));
  }

  @Test
  void refusesToTurnAFileIntoADirectory() throws IOException {
    Files.writeString(dir.resolve("f"), "x");

    assertThatThrownBy(() -> files.createDirectories(dir.resolve("f"), currentOwner(), new FileMode(0755)))
        .isInstanceOf(FileAlreadyExistsException.class);
  }

  @Test
  void setsNumericOwnerAndModeIncludingSetgid() throws IOException {
    assumeTrue(currentOwner().uid() == 0, "chown to another user needs root");
    Path d = Files.createDirectory(dir.resolve("d"));

    files.setOwnerAndMode(d, new Ownership(1234, 2345), new FileMode(02750));

    assertThat(files.attributes(d)).contains(new PathAttributes(true, new Ownership(1234, 2345), new FileMode(02750)));
  }

  @Test
  void writesAtomicallyWithTheModeAndLeavesNoTemporaryFile() throws IOException {
    Path env = dir.resolve(".env");
    Files.writeString(env, "OLD=1\n");

    files.writeAtomically(env, "NEW=2\n".getBytes(StandardCharsets.UTF_8), new FileMode(0640));

    assertThat(new String(files.read(env), StandardCharsets.UTF_8)).isEqualTo("NEW=2\n");
    assertThat(files.attributes(env)).map(PathAttributes::mode).contains(new FileMode(0640));
    try (Stream<Path> entries = Files.list(dir)) {
      assertThat(entries).containsExactly(env);
    }
  }

  @Test
  void writingIntoAMissingDirectoryFails() {
    assertThatThrownBy(() -> files.writeAtomically(dir.resolve("missing/.env"), new byte[0], FileMode.ENV_FILE_DEFAULT))
        .isInstanceOf(NoSuchFileException.class);
  }

  private Ownership currentOwner() throws IOException {
    return new Ownership((Integer) Files.getAttribute(dir, "unix:uid"), (Integer) Files.getAttribute(dir, "unix:gid"));
  }
}
