package dev.podkeeper.agent.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.podkeeper.agent.testing.TestClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackLockTest {
  @TempDir Path directory;
  private final TestClock clock = new TestClock();
  private final StringWriter err = new StringWriter();

  @Test
  void oneHolderAtATimeAndTheFileSaysWhoAndStaysWhenReleased() throws IOException {
    Path run = directory.resolve("run");
    Optional<StackLock> first = StackLock.tryAcquire(run, "media");

    assertThat(first).isPresent();
    assertThat(StackLock.tryAcquire(run, "media")).isEmpty();
    assertThat(StackLock.tryAcquire(run, "other")).hasValueSatisfying(this::close);
    assertThat(StackLock.holder(run, "media")).contains(ProcessHandle.current().pid());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run.resolve("media.lock"))))
        .isEqualTo("rw-------");

    first.get().close();

    assertThat(run.resolve("media.lock")).exists();
    assertThat(StackLock.tryAcquire(run, "media")).hasValueSatisfying(this::close);
  }

  @Test
  void aLinkAtTheLockPathIsRefusedAndLeftAlone() throws IOException {
    Path target = Files.writeString(directory.resolve("passwd"), "root:x:0:0\n");
    Path run = Files.createDirectory(directory.resolve("run"));
    Files.createSymbolicLink(run.resolve("media.lock"), target);

    assertThatThrownBy(() -> StackLock.tryAcquire(run, "media"))
        .hasMessageContaining("refusing the stack lock " + run.resolve("media.lock"))
        .hasMessageContaining("a symbolic link");
    assertThat(run.resolve("media.lock")).isSymbolicLink();
    assertThat(target).hasContent("root:x:0:0");
  }

  @Test
  void aDirectoryOthersMayWriteIsRefused() throws IOException {
    Path run = Files.createDirectory(directory.resolve("run"));
    Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertThatThrownBy(() -> StackLock.tryAcquire(run, "media")).hasMessageContaining("writable by no one else");
    assertThat(run.resolve("media.lock")).doesNotExist();
  }

  @Test
  void aWaiterSaysWhatItWaitsForAndGetsTheLockOnceItIsFree() throws Exception {
    StackLock held = StackLock.tryAcquire(directory, "media").orElseThrow();
    LockWait wait = new LockWait(clock, duration -> {
      clock.advance(duration);
      close(held);
    });

    try (StackLock lock = wait.acquire(directory, "media", Duration.ofSeconds(5), new PrintWriter(err, true))) {
      assertThat(lock.path()).isEqualTo(directory.resolve("media.lock"));
    }
    assertThat(err.toString()).contains("waiting for " + directory.resolve("media.lock") + ", held by pid "
        + ProcessHandle.current().pid() + " (at most 5 s)");
  }

  @Test
  void aWaiterGivesUpAtItsDeadlineNamingTheHolder() throws Exception {
    try (StackLock held = StackLock.tryAcquire(directory, "media").orElseThrow()) {
      LockWait wait = new LockWait(clock, clock::advance);

      assertThatThrownBy(() -> wait.acquire(directory, "media", Duration.ofSeconds(3), new PrintWriter(err, true)))
          .isInstanceOf(LockWait.LockTimeoutException.class)
          .hasMessageContaining("stack media is still locked by pid " + ProcessHandle.current().pid() + " after 3 s");
    }
  }

  private void close(StackLock lock) {
    try {
      lock.close();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
