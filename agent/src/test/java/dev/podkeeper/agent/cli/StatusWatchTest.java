package dev.podkeeper.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podkeeper.agent.loop.AgentPass;
import dev.podkeeper.agent.loop.CrashLoopBackoff;
import dev.podkeeper.agent.loop.DesiredStateStore;
import dev.podkeeper.agent.loop.ParsedFileLoader;
import dev.podkeeper.agent.loop.PassRequest;
import dev.podkeeper.agent.notify.ServiceNotifier;
import dev.podkeeper.agent.reconcile.ReconcilePass;
import dev.podkeeper.agent.reconcile.Trigger;
import dev.podkeeper.agent.status.StatusBoard;
import dev.podkeeper.agent.status.StatusServer;
import dev.podkeeper.agent.testing.TestClock;
import dev.podkeeper.agent.testing.WorldBuilder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code status --watch} as a command: a frame per pass of the running agent, none while nothing changes. */
class StatusWatchTest {
  private final FakesWiring fakes = new FakesWiring();
  private final StatusBoard board = new StatusBoard();

  @TempDir
  Path dir;

  @Test
  void everyPassOfTheAgentIsDrawnOnceAndNoEscapeCodesGoToAPipe() throws Exception {
    Path file = CommandRun.stackFile(dir, CommandRun.CONTAINERS);
    Path socket = dir.resolve("status.sock");
    DesiredStateStore store = new DesiredStateStore(file, new ParsedFileLoader());
    store.loadFirst();
    ReconcilePass reconcile = fakes.injector(new GlobalOptions(), new PrintWriter(new StringWriter()))
        .getInstance(ReconcilePass.class);
    AgentPass pass = new AgentPass(store, reconcile, false, new CrashLoopBackoff(), board,
        new ServiceNotifier(line -> { }), new TestClock(WorldBuilder.T0));
    StatusServer server = new StatusServer(socket, board, new TestClock(WorldBuilder.T0), file);
    server.start();
    AtomicReference<CommandRun> ended = new AtomicReference<>();
    StringWriter out = new StringWriter();
    Thread watching = new Thread(() -> ended.set(run(out, "status", "--watch", "--status-socket", socket.toString())));
    try {
      pass.run(new PassRequest(1, EnumSet.of(Trigger.STARTUP)));
      watching.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().contains("pass "));
      String first = out.toString();
      pass.run(new PassRequest(2, EnumSet.of(Trigger.RESYNC)));
      await().atMost(Duration.ofSeconds(10)).until(() -> count(out.toString(), "stack media from") == 2);
      // More polls of the same pass draw nothing.
      await().during(Duration.ofMillis(2_500)).atMost(Duration.ofSeconds(5))
          .until(() -> count(out.toString(), "stack media from") == 2);
      assertThat(first).doesNotContain(StatusWatch.CLEAR_SCREEN);
      assertThat(out.toString()).doesNotContain("\u001b[");
    } finally {
      watching.interrupt();
      watching.join(10_000);
      server.stop();
    }
    assertThat(watching.isAlive()).as("interrupted, the watch ends").isFalse();
    assertThat(ended.get().exitCode()).isZero();
  }

  @Test
  void withoutAnAgentOrFileItSaysSoAndKeepsAsking() throws Exception {
    StringWriter out = new StringWriter();
    Thread watching = new Thread(() -> run(out, "status", "--watch", "--status-socket",
        dir.resolve("none.sock").toString()));
    watching.start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().contains("no agent answers on "));
    } finally {
      watching.interrupt();
      watching.join(10_000);
    }
    assertThat(out.toString()).isEqualTo("no agent answers on " + dir.resolve("none.sock")
        + "; waiting for one (give FILE to see the status computed meanwhile)\n\n");
  }

  private CommandRun run(StringWriter out, String... args) {
    StringWriter err = new StringWriter();
    int code = Main.commandLine(CommandRun.factory(fakes)).setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true)).execute(args);
    return new CommandRun(code, out.toString(), err.toString());
  }

  private static int count(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }
}
