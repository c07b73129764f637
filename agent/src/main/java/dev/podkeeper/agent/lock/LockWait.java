package dev.podkeeper.agent.lock;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.execute.Sleeper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Waiting for a stack's lock that another podkeeper holds (an {@code apply} by hand, an agent starting):
 * says so once on stderr, polls, and gives up at a deadline with an error that names the holder.
 */
public final class LockWait {
  static final Duration POLL = Duration.ofMillis(200);

  private final Clock clock;
  private final Sleeper sleeper;

  public LockWait(Clock clock, Sleeper sleeper) {
    this.clock = requireNonNull(clock, "clock is null");
    this.sleeper = requireNonNull(sleeper, "sleeper is null");
  }

  public static LockWait system() {
    return new LockWait(Clock.systemUTC(), Sleeper.SYSTEM);
  }

  /** The lock once it is free; a {@link LockTimeoutException} when {@code deadline} passes first. */
  public StackLock acquire(Path directory, String stack, Duration deadline, PrintWriter err)
      throws IOException, InterruptedException {
    return await(directory, stack, deadline, err, () -> StackLock.tryAcquire(directory, stack));
  }

  /** One try at what the waiter wants: the lock, or something else that makes waiting for it needless. */
  @FunctionalInterface
  public interface Attempt<T> {
    Optional<T> get() throws IOException, InterruptedException;
  }

  /**
   * Tries {@code attempt} until it gives something, saying once on stderr that the stack is locked;
   * a {@link LockTimeoutException} when {@code deadline} passes first.
   */
  public <T> T await(Path directory, String stack, Duration deadline, PrintWriter err, Attempt<T> attempt)
      throws IOException, InterruptedException {
    Optional<T> got = attempt.get();
    if (got.isPresent()) {
      return got.get();
    }
    err.println("waiting for " + StackLock.path(directory, stack) + ", held by " + holder(directory, stack)
        + " (at most " + deadline.toSeconds() + " s)");
    err.flush();
    Instant giveUp = clock.instant().plus(deadline);
    while (clock.instant().isBefore(giveUp)) {
      sleeper.sleep(POLL);
      got = attempt.get();
      if (got.isPresent()) {
        return got.get();
      }
    }
    throw new LockTimeoutException("stack " + stack + " is still locked by " + holder(directory, stack) + " after "
        + deadline.toSeconds() + " s (" + StackLock.path(directory, stack) + "): another podkeeper is writing it;"
        + " wait for it to finish, or stop it");
  }

  private static String holder(Path directory, String stack) {
    return StackLock.holder(directory, stack).map(pid -> "pid " + pid).orElse("another podkeeper process");
  }

  /** The deadline passed while another process held the lock. */
  public static final class LockTimeoutException extends IOException {
    LockTimeoutException(String message) {
      super(message);
    }
  }
}
