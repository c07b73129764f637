package dev.podkeeper.agent.importing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.model.validate.ValueSyntax;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Values are written so that the parser reads back exactly the value the engine reported. */
class ImportYamlTest {
  @Test
  void memoryIsWrittenInTheLargestExactUnitAndReadsBackToTheSameBytes() throws Exception {
    for (long bytes : new long[] {2L << 30, 256L << 20, (7L << 20) + 1024, 6_291_457L}) {
      assertThat(ValueSyntax.memory(ImportYaml.memory(bytes))).isEqualTo(bytes);
    }
    assertThat(ImportYaml.memory(256L << 20)).isEqualTo("256m");
  }

  @Test
  void durationsAreWrittenInTheLargestExactUnitAndReadBackToTheSameValue() throws Exception {
    for (Duration d : new Duration[] {Duration.ofHours(2), Duration.ofMinutes(90), Duration.ofSeconds(45),
        Duration.ofMillis(1500)}) {
      assertThat(ValueSyntax.duration(ImportYaml.duration(d))).isEqualTo(d);
    }
    assertThat(ImportYaml.duration(Duration.ofMinutes(90))).isEqualTo("90m");
  }

  @Test
  void textIsQuotedUnlessYamlReadsItBackAsTheSameString() {
    assertThat(ImportYaml.text("nobody")).isEqualTo("nobody");
    assertThat(ImportYaml.text("no")).isEqualTo("\"no\"");
    assertThat(ImportYaml.text("8080")).isEqualTo("\"8080\"");
    assertThat(ImportYaml.text("127.0.0.1:80:80/tcp")).isEqualTo("\"127.0.0.1:80:80/tcp\"");
    assertThat(ImportYaml.quoted("say \"hi\"\n")).isEqualTo("\"say \\\"hi\\\"\\n\"");
  }
}
