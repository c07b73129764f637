package dev.podkeeper.model.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.podkeeper.model.desired.FileMode;
import dev.podkeeper.model.desired.Ownership;
import dev.podkeeper.model.port.HostFiles;
import dev.podkeeper.model.port.HostFiles.PathAttributes;
import dev.podkeeper.model.port.HostPathRefusedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link HostFiles} must do, as root among directories that other users own. Run against
 * {@link FakeHostFiles} ({@code FakeHostFilesContractTest}) and against the real file system as root
 * ({@code LocalHostFilesContractTest} in the agent), so that agent tests on the fake mean something.
 *
 * <p>Every hostile case plants what a container user could plant (user 1000 owns {@code data}), asks for
 * something through the planted path, expects a {@link HostPathRefusedException} naming it, and checks that
 * nothing under the test's directory changed: not the link's root-owned target, not anything else.
 */
public abstract class HostFilesContract {
  protected static final Ownership ROOT = new Ownership(0, 0);
  protected static final Ownership USER = new Ownership(1000, 1000);
  private static final Ownership OTHER = new Ownership(999, 999);

  /** What a test arranges behind the port's back, and how it looks at the result. */
  protected interface Scene {
    void directory(Path path, Ownership owner, FileMode mode) throws IOException;

    void file(Path path, Ownership owner, String content) throws IOException;

    void symlink(Path link, Path target, Ownership owner) throws IOException;

    void fifo(Path path) throws IOException;

    void device(Path path) throws IOException;

    void sparseFile(Path path, long size) throws IOException;

    /** Removes an empty directory or a file, as a user could. */
    void remove(Path path) throws IOException;

    /** Every path at or below {@code top} (links not followed) with what could change: kind, owner, mode, content. */
    Map<Path, String> tree(Path top) throws IOException;
  }

  protected abstract HostFiles files();

  protected abstract Scene scene();

  /** A fresh directory of root's, mode 0700, that the test may fill. */
  protected abstract Path top();

  private Path etc;
  private Path data;

  @BeforeEach
  void plantRootsFilesAndAUsersDirectory() throws IOException {
    etc = top().resolve("etc");
    data = top().resolve("data");
    scene().directory(etc, ROOT, new FileMode(0755));
    scene().file(etc.resolve("passwd"), ROOT, "root:x:0:0\n");
    scene().directory(data, USER, new FileMode(0755));
  }

  // ---- the ordinary cases ----

  @Test
  void createsMissingDirectoriesWithOwnerAndModeAndLeavesExistingOnesAlone() throws IOException {
    files().createDirectories(data.resolve("a/b"), USER, new FileMode(0750));

    assertThat(files().attributes(data.resolve("a"))).contains(new PathAttributes(true, USER, new FileMode(0750)));
    assertThat(files().attributes(data.resolve("a/b"))).contains(new PathAttributes(true, USER, new FileMode(0750)));
    assertThat(files().attributes(data)).contains(new PathAttributes(true, USER, new FileMode(0755)));
  }

  @Test
  void setsNumericOwnerAndModeIncludingSetgid() throws IOException {
    Path d = top().resolve("d");
    scene().directory(d, ROOT, new FileMode(0755));

    files().setOwnerAndMode(d, new Ownership(1234, 2345), new FileMode(02750));

    assertThat(files().attributes(d)).contains(new PathAttributes(true, new Ownership(1234, 2345), new FileMode(02750)));
  }

  @Test
  void writesAtomicallyAsRootWithTheModeAndReadsItBack() throws IOException {
    Path env = etc.resolve("app.env");
    scene().file(env, ROOT, "OLD=1\n");

    files().writeAtomically(env, bytes("NEW=2\n"), new FileMode(0640));

    assertThat(new String(files().read(env), StandardCharsets.UTF_8)).isEqualTo("NEW=2\n");
    assertThat(files().attributes(env)).contains(new PathAttributes(false, ROOT, new FileMode(0640)));
    assertThat(scene().tree(etc)).containsOnlyKeys(etc, etc.resolve("passwd"), env);
  }

  @Test
  void missingPathsAreEmptyOrNoSuchFile() throws IOException {
    assertThat(files().attributes(top().resolve("nope"))).isEmpty();
    assertThat(files().attributes(top().resolve("nope/deeper"))).isEmpty();
    assertThatThrownBy(() -> files().read(etc.resolve("nope"))).isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> files().writeAtomically(top().resolve("missing/.env"), new byte[0], FileMode.ENV_FILE_DEFAULT))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void theRootDirectoryIsNoFile() {
    assertThatThrownBy(() -> files().read(Path.of("/"))).isInstanceOf(FileSystemException.class);
    assertThatThrownBy(() -> files().writeAtomically(Path.of("/"), new byte[0], FileMode.ENV_FILE_DEFAULT))
        .isInstanceOf(FileSystemException.class);
  }

  @Test
  void refusesToTurnAFileIntoADirectory() {
    assertThatThrownBy(() -> files().createDirectories(etc.resolve("passwd"), ROOT, new FileMode(0755)))
        .isInstanceOf(FileAlreadyExistsException.class);
  }

  @Test
  void aLinkThatOnlyRootCanHaveMadeIsFollowedOnTheWay() throws IOException {
    // as /var/run -> /run: root's link in root's directory
    scene().symlink(top().resolve("var-run"), etc, ROOT);

    files().createDirectories(top().resolve("var-run/app"), ROOT, new FileMode(0700));
    files().writeAtomically(top().resolve("var-run/app/x.env"), bytes("A=1\n"), FileMode.ENV_FILE_DEFAULT);

    assertThat(files().attributes(etc.resolve("app"))).contains(new PathAttributes(true, ROOT, new FileMode(0700)));
    assertThat(files().read(etc.resolve("app/x.env"))).isEqualTo(bytes("A=1\n"));
  }

  // ---- hostile: what a container user (1000, owner of data) can plant ----

  @Test
  void aSymlinkAtAManagedDirectoryIsRefusedAndItsTargetKeepsItsOwner() throws IOException {
    Path app = data.resolve("app");
    scene().symlink(app, etc, USER); // the swap of issue 10: data/app replaced by a link to a root dir

    refusedNamingAndChangingNothing(app, () -> files().attributes(app));
    refusedNamingAndChangingNothing(app, () -> files().setOwnerAndMode(app, USER, new FileMode(0755)));
    refusedNamingAndChangingNothing(app, () -> files().createDirectories(app, USER, new FileMode(0755)));
  }

  @Test
  void aSymlinkAtAFileIsNeitherReadNorWrittenThrough() throws IOException {
    Path secret = data.resolve("secret");
    scene().symlink(secret, etc.resolve("passwd"), USER);
    Path env = top().resolve("app.env");
    scene().symlink(env, etc.resolve("passwd"), ROOT);

    refusedNamingAndChangingNothing(secret, () -> files().read(secret));
    refusedNamingAndChangingNothing(env, () -> files().writeAtomically(env, bytes("X=1\n"), FileMode.ENV_FILE_DEFAULT));
  }

  @Test
  void aSymlinkAtAParentIsRefused() throws IOException {
    Path link = data.resolve("link");
    scene().symlink(link, etc, USER);

    refusedNamingAndChangingNothing(link, () -> files().createDirectories(link.resolve("new"), USER, new FileMode(0755)));
    refusedNamingAndChangingNothing(link, () -> files().attributes(link.resolve("passwd")));
    refusedNamingAndChangingNothing(link, () -> files().read(link.resolve("passwd")));
    refusedNamingAndChangingNothing(link, () -> files().writeAtomically(link.resolve("x.env"), bytes("X=1\n"),
        FileMode.ENV_FILE_DEFAULT));
  }

  @Test
  void belowAUsersDirectoryEverythingMustBeThatUsers() throws IOException {
    Path rootsDir = data.resolve("roots");
    scene().directory(rootsDir, ROOT, new FileMode(0755));
    Path rootsFile = data.resolve("secret");
    scene().file(rootsFile, ROOT, "s3cret\n");

    refusedNamingAndChangingNothing(rootsDir, () -> files().attributes(rootsDir));
    refusedNamingAndChangingNothing(rootsDir, () -> files().setOwnerAndMode(rootsDir, USER, new FileMode(0777)));
    refusedNamingAndChangingNothing(rootsDir, () -> files().createDirectories(rootsDir.resolve("x"), USER, new FileMode(0755)));
    refusedNamingAndChangingNothing(rootsFile, () -> files().read(rootsFile));
    refusedNamingAndChangingNothing(data.resolve("new"), () -> files().createDirectories(data.resolve("new"), OTHER,
        new FileMode(0755)));
    refusedNamingAndChangingNothing(data.resolve("app.env"), () -> files().writeAtomically(data.resolve("app.env"),
        bytes("X=1\n"), FileMode.ENV_FILE_DEFAULT));
  }

  @Test
  void theUsersOwnThingsBelowItsDirectoryAreFine() throws IOException {
    files().createDirectories(data.resolve("mine"), USER, new FileMode(0750));
    scene().file(data.resolve("mine/key"), USER, "k\n");

    assertThat(files().read(data.resolve("mine/key"))).isEqualTo(bytes("k\n"));
    assertThat(files().attributes(data.resolve("mine"))).contains(new PathAttributes(true, USER, new FileMode(0750)));
  }

  @Test
  void aFifoIsRefusedAtOnceNotWaitedOn() throws IOException {
    Path fifo = etc.resolve("fifo");
    scene().fifo(fifo);

    assertTimeoutPreemptively(Duration.ofSeconds(5),
        () -> refusedNamingAndChangingNothing(fifo, () -> files().read(fifo)));
    assertThatThrownBy(() -> files().read(fifo)).hasMessageContaining("a FIFO, not a regular file");
  }

  @Test
  void aDeviceIsRefused() throws IOException {
    Path zero = etc.resolve("zero");
    scene().device(zero);

    assertTimeoutPreemptively(Duration.ofSeconds(5),
        () -> refusedNamingAndChangingNothing(zero, () -> files().read(zero)));
    assertThatThrownBy(() -> files().read(zero)).hasMessageContaining("a character device");
  }

  @Test
  void aFileOfMoreThanOneMebibyteIsRefusedAndOneOfExactlyThatIsRead() throws IOException {
    Path huge = etc.resolve("huge");
    scene().sparseFile(huge, HostFiles.MAX_READ_BYTES + 1L);
    Path limit = etc.resolve("limit");
    scene().sparseFile(limit, HostFiles.MAX_READ_BYTES);

    refusedNamingAndChangingNothing(huge, () -> files().read(huge));
    assertThatThrownBy(() -> files().read(huge)).hasMessageContaining("at most " + HostFiles.MAX_READ_BYTES + " bytes");
    assertThat(files().read(limit)).hasSize(HostFiles.MAX_READ_BYTES);
  }

  @Test
  void aPathThatVanishedBetweenObserveAndActIsNoSuchFileAndNotRecreatedBehindTheCaller() throws IOException {
    Path app = data.resolve("app");
    scene().directory(app, USER, new FileMode(0755));
    assertThat(files().attributes(app)).isPresent();
    scene().remove(app);
    Map<Path, String> before = scene().tree(top());

    assertThatThrownBy(() -> files().setOwnerAndMode(app, USER, new FileMode(0700))).isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> files().writeAtomically(app.resolve("x.env"), bytes("X=1\n"), FileMode.ENV_FILE_DEFAULT))
        .isInstanceOf(NoSuchFileException.class);
    assertThat(files().attributes(app)).isEmpty();
    assertThat(scene().tree(top())).isEqualTo(before);
  }

  private void refusedNamingAndChangingNothing(Path named, ThrowingCallable call) throws IOException {
    Map<Path, String> before = scene().tree(top());

    assertThatThrownBy(call).isInstanceOf(HostPathRefusedException.class).hasMessageContaining(named.toString());

    assertThat(scene().tree(top())).isEqualTo(before);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
