package dev.podkeeper.agent.cli;

import dev.podkeeper.agent.lock.LockWait;
import dev.podkeeper.agent.lock.StackLock;
import dev.podkeeper.agent.status.PassClient;
import dev.podkeeper.agent.status.PassExchange;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * One writer per stack, as {@code apply} sees it. Free lock: apply runs its own pass under it. Held by a
 * running agent of the stack: the agent runs the pass, and apply prints its result. Held by anyone else
 * (another apply, an agent that serves no status): wait for the lock, say so, give up at a deadline.
 */
final class OneWriter {
  /** What apply does next. */
  sealed interface Turn {
    /** Apply holds the lock: run the pass here. */
    record Own(StackLock lock) implements Turn {}

    /** The agent ran the pass. */
    record AgentRan(PassExchange.Answer answer) implements Turn {}

    /** No pass can run; the reason is printed already. */
    record Refused() implements Turn {}
  }

  private final Path statusSocket;
  private final PrintWriter err;

  OneWriter(Path statusSocket, PrintWriter err) {
    this.statusSocket = statusSocket.toAbsolutePath().normalize();
    this.err = err;
  }

  /** The lock lives beside the status socket, in the directory the agent already owns (/run/podkeeper). */
  Path lockDirectory() {
    return statusSocket.getParent();
  }

  /**
   * Whose pass it is. Tried again while the lock stays held: an agent that has just started holds the lock
   * a moment before its status socket listens.
   */
  Turn take(String stack, PassExchange.Ask ask, Duration wait) throws IOException, InterruptedException {
    try {
      return LockWait.system().await(lockDirectory(), stack, wait, err, () -> attempt(stack, ask, wait));
    } catch (LockWait.LockTimeoutException e) {
      err.println("apply: " + e.getMessage());
      return new Turn.Refused();
    }
  }

  private Optional<Turn> attempt(String stack, PassExchange.Ask ask, Duration wait) throws IOException {
    Optional<StackLock> free = StackLock.tryAcquire(lockDirectory(), stack);
    if (free.isPresent()) {
      return Optional.of(new Turn.Own(free.get()));
    }
    Optional<PassExchange.Answer> answer = PassClient.ask(statusSocket, ask, wait);
    if (answer.isPresent() && answer.get().verdict() != PassExchange.Verdict.REFUSED) {
      return Optional.of(new Turn.AgentRan(answer.get()));
    }
    if (answer.isPresent() && answer.get().stack().equals(stack)) {
      err.println("apply: stack " + stack + " is kept by the agent on " + statusSocket + ", and "
          + answer.get().reason() + ": edit that file (the agent applies it), or stop the agent to apply this one");
      return Optional.of(new Turn.Refused());
    }
    return Optional.empty(); // another apply, or an agent that does not answer (yet): wait for the lock
  }
}
