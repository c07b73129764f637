package dev.podkeeper.agent.journal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JournalEntryTest {

  @Test
  void fieldsAreNameEqualsValueLines() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("MESSAGE", "create-container sonarr: ok");
    fields.put("PODKEEPER_TARGET", "sonarr");

    assertThat(new String(new JournalEntry(fields).encode(), UTF_8))
        .isEqualTo("MESSAGE=create-container sonarr: ok\nPODKEEPER_TARGET=sonarr\n");
  }

  /** The protocol's binary-safe form: name, newline, the length as a little-endian 64-bit number, the bytes. */
  @Test
  void aValueWithANewlineIsSentWithItsLength() {
    byte[] encoded = new JournalEntry(Map.of("MESSAGE", "two\nlines ü")).encode();

    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.writeBytes("MESSAGE\n".getBytes(UTF_8));
    expected.writeBytes(new byte[] {12, 0, 0, 0, 0, 0, 0, 0});
    expected.writeBytes("two\nlines ü\n".getBytes(UTF_8));
    assertThat(encoded).isEqualTo(expected.toByteArray());
  }

  @Test
  void namesAreWhatJournaldAccepts() {
    for (String bad : new String[] {"_PID", "podkeeper_target", "PODKEEPER-TARGET", "", "X".repeat(65)}) {
      assertThatThrownBy(() -> new JournalEntry(Map.of(bad, "x"))).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a journal field name");
    }
  }
}
