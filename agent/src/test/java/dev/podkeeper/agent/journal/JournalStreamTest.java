package dev.podkeeper.agent.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JournalStreamTest {
  /** What this JVM's stdout is (surefire's pipe): the dev:ino that systemd would have put in JOURNAL_STREAM. */
  private final String stdout = JournalStream.identity(Path.of("/proc/self/fd/1"));

  @Test
  void aStreamIsTheJournalsWhenItIsTheOneJournalStreamNames() {
    assertThat(stdout).matches("\\d+:\\d+");

    assertThat(JournalStream.connects(1, Map.of("JOURNAL_STREAM", stdout))).isTrue();
  }

  /** A unit's shell that redirects: `podkeeper apply > file` inherits JOURNAL_STREAM, but stdout is the file. */
  @Test
  void anInheritedJournalStreamDoesNotMakeAnotherStreamTheJournals() {
    String[] numbers = stdout.split(":");
    String other = numbers[0] + ":" + (Long.parseLong(numbers[1]) + 1);

    assertThat(JournalStream.connects(1, Map.of("JOURNAL_STREAM", other))).isFalse();
    assertThat(JournalStream.connects(1, Map.of())).isFalse();
  }
}
