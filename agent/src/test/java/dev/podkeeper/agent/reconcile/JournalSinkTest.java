package dev.podkeeper.agent.reconcile;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podkeeper.agent.execute.ActionResult;
import dev.podkeeper.agent.journal.JournalSocket;
import dev.podkeeper.agent.plan.Action;
import dev.podkeeper.agent.plan.ActionInput;
import dev.podkeeper.agent.plan.ActionKind;
import dev.podkeeper.agent.plan.Outcome;
import dev.podkeeper.agent.testing.TestClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** The reconcile log under systemd: each line one journal entry with its fields, on a socket of the test's own. */
class JournalSinkTest {
  private static final Instant AT = Instant.parse("2025-06-01T10:00:00Z");
  private static final ActionResult FAILED = new ActionResult(
      Action.of(ActionKind.CREATE_CONTAINER, "sonarr", "missing", new ActionInput.None()),
      Outcome.FAILED, AT, 37, Optional.of("create container sonarr: image not known\n(pull it first)"));

  @TempDir
  Path dir;
  private AFUNIXDatagramChannel journald;
  private Path socket;
  private final StringWriter stdout = new StringWriter();

  @BeforeEach
  void bind() throws IOException {
    socket = dir.resolve("journal.socket");
    journald = AFUNIXDatagramChannel.open();
    journald.bind(AFUNIXSocketAddress.of(socket));
  }

  @AfterEach
  void close() throws IOException {
    journald.close();
  }

  @Test
  void eachReconcileLineIsOneEntryWithItsFieldsAndNotAlsoOnStdout() throws IOException {
    ReconcileLog log = new ReconcileLog(new JournalSink(JournalSocket.open(socket), LogFormat.TEXT,
        LogSink.stream(new PrintWriter(stdout), LogFormat.TEXT)), new TestClock(AT));

    log.action("ab12cd34", Trigger.STARTUP, FAILED);
    log.summary(new PassResult("ab12cd34", Trigger.STARTUP, AT, Duration.ofMillis(40), List.of(FAILED), 8, 9,
        Optional.empty(), 3));

    Map<String, String> action = receive();
    assertThat(action).containsEntry("PODKEEPER_PASS", "ab12cd34").containsEntry("PODKEEPER_TRIGGER", "startup")
        .containsEntry("PODKEEPER_ACTION", "create-container").containsEntry("PODKEEPER_TARGET", "sonarr")
        .containsEntry("PODKEEPER_CAUSE", "missing").containsEntry("PODKEEPER_OUTCOME", "failed")
        .containsEntry("PODKEEPER_DURATION_MS", "37")
        .containsEntry("PODKEEPER_ERROR", "create container sonarr: image not known\n(pull it first)")
        .containsEntry("PRIORITY", "4").containsEntry("SYSLOG_IDENTIFIER", "podkeeper")
        .containsEntry("MESSAGE", "time=2025-06-01T10:00:00Z pass=ab12cd34 trigger=startup action=create-container"
            + " target=sonarr cause=missing outcome=failed duration_ms=37"
            + " error=\"create container sonarr: image not known\\n(pull it first)\"")
        .doesNotContainKeys("PODKEEPER_TIME");
    Map<String, String> summary = receive();
    assertThat(summary).containsEntry("PODKEEPER_CONVERGED", "8/9").containsEntry("PODKEEPER_FAILURES", "1")
        .containsEntry("PRIORITY", "4").doesNotContainKeys("PODKEEPER_ACTION", "PODKEEPER_ABORTED");
    assertThat(stdout.toString()).isEmpty();
  }

  @Test
  void withoutAJournalTheLineGoesToTheStream() throws IOException {
    journald.close();
    ReconcileLog log = new ReconcileLog(new JournalSink(JournalSocket.open(dir.resolve("gone.socket")),
        LogFormat.TEXT, LogSink.stream(new PrintWriter(stdout), LogFormat.TEXT)), new TestClock(AT));

    log.action("ab12cd34", Trigger.STARTUP, FAILED);

    assertThat(stdout.toString()).startsWith("time=2025-06-01T10:00:00Z pass=ab12cd34 trigger=startup");
  }

  /** The first lines of the start, while the socket still opens: on the stream, not lost and not held up. */
  @Test
  void untilTheSocketIsOpenLinesGoToTheStream() throws IOException {
    JournalSocket opening = JournalSocket.openInBackground(socket);
    LogSink sink = new JournalSink(opening, LogFormat.TEXT, LogSink.stream(new PrintWriter(stdout), LogFormat.TEXT));
    ReconcileLog log = new ReconcileLog(sink, new TestClock(AT));

    log.action("ab12cd34", Trigger.STARTUP, FAILED);
    await().atMost(Duration.ofSeconds(10)).until(opening::ready);
    log.action("ab12cd34", Trigger.STARTUP, FAILED);

    assertThat(receive()).containsEntry("PODKEEPER_TARGET", "sonarr");
    assertThat(stdout.toString().lines().count()).isLessThanOrEqualTo(1);
  }

  /** Decodes one datagram of the native protocol, as journald does. */
  private Map<String, String> receive() throws IOException {
    ByteBuffer datagram = ByteBuffer.allocate(65536).order(ByteOrder.LITTLE_ENDIAN);
    journald.receive(datagram);
    datagram.flip();
    Map<String, String> fields = new LinkedHashMap<>();
    while (datagram.hasRemaining()) {
      StringBuilder name = new StringBuilder();
      byte b;
      while ((b = datagram.get()) != '=' && b != '\n') {
        name.append((char) b);
      }
      byte[] value;
      if (b == '=') {
        int start = datagram.position();
        while (datagram.get() != '\n') {
          // up to the end of the line
        }
        value = new byte[datagram.position() - start - 1];
        datagram.get(start, value);
      } else {
        value = new byte[(int) datagram.getLong()];
        datagram.get(value);
        assertThat(datagram.get()).isEqualTo((byte) '\n');
      }
      fields.put(name.toString(), new String(value, UTF_8));
    }
    return fields;
  }
}
