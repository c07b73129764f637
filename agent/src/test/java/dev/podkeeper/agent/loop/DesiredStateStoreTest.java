package dev.podkeeper.agent.loop;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.podkeeper.agent.loop.DesiredStateStore.Reload;
import dev.podkeeper.model.desired.Defaults;
import dev.podkeeper.model.desired.DesiredState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class DesiredStateStoreTest {
  @TempDir Path directory;
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final Logger storeLog = (Logger) LoggerFactory.getLogger(DesiredStateStore.class);
  private Path file;
  private DesiredStateStore store;

  /** A stand-in for the parser: "stack: NAME" is valid, anything else is a problem at line 1. */
  private static DesiredStateLoader.Result load(Path file) {
    try {
      String text = Files.readString(file).strip();
      return text.startsWith("stack: ")
          ? new DesiredStateLoader.Loaded(new DesiredState(file, text.substring(7), Defaults.NONE, Map.of(),
              List.of(), Map.of(), Map.of(), Map.of()))
          : new DesiredStateLoader.Rejected(List.of(file + ":1:1: not a stack [yaml.syntax]"));
    } catch (IOException e) {
      return new DesiredStateLoader.Rejected(List.of(file + ": cannot read: " + e));
    }
  }

  @BeforeEach
  void setUp() {
    file = directory.resolve("stack.yaml");
    store = new DesiredStateStore(file, DesiredStateStoreTest::load);
    logged.start();
    storeLog.addAppender(logged);
  }

  @AfterEach
  void tearDown() {
    storeLog.detachAppender(logged);
  }

  @Test
  void theStoreKnowsWhyTheFilesLatestContentIsNotApplied() throws IOException {
    Files.writeString(file, "stack: one");
    store.reload();
    assertThat(store.rejectedEdit()).isEmpty();

    Files.writeString(file, "broken");
    store.reload();
    assertThat(store.rejectedEdit()).containsExactly(file + ":1:1: not a stack [yaml.syntax]");
    assertThat(store.reload()).as("the same broken content again").isEqualTo(Reload.UNCHANGED);
    assertThat(store.rejectedEdit()).hasSize(1);

    Files.writeString(file, "stack: two");
    store.reload();
    assertThat(store.rejectedEdit()).isEmpty();
  }

  @Test
  void anInvalidFileKeepsTheLastGoodStateAndIsReportedOncePerChange() throws IOException {
    Files.writeString(file, "stack: one");
    assertThat(store.reload()).isEqualTo(Reload.CHANGED);

    Files.writeString(file, "stack one (a typo)");
    assertThat(store.reload()).isEqualTo(Reload.REJECTED);
    assertThat(store.reload()).isEqualTo(Reload.UNCHANGED);
    assertThat(store.reload()).isEqualTo(Reload.UNCHANGED);

    assertThat(store.current()).get().extracting(DesiredState::stack).isEqualTo("one");
    assertThat(warnings()).hasSize(1).first().asString()
        .contains("keeping the last good desired state")
        .contains(file + ":1:1: not a stack [yaml.syntax]");
  }

  @Test
  void aVanishedFileKeepsTheLastGoodStateUntilItReturns() throws IOException {
    Files.writeString(file, "stack: one");
    store.reload();

    Files.delete(file);
    assertThat(store.reload()).isEqualTo(Reload.REJECTED);
    assertThat(store.reload()).isEqualTo(Reload.UNCHANGED);
    assertThat(store.current()).get().extracting(DesiredState::stack).isEqualTo("one");

    Files.writeString(file, "stack: two");
    assertThat(store.reload()).isEqualTo(Reload.CHANGED);
    assertThat(store.current()).get().extracting(DesiredState::stack).isEqualTo("two");
    assertThat(warnings()).hasSize(1).first().asString().contains("the file is gone");
  }

  @Test
  void theSameBrokenContentAgainAfterAFixIsReportedAgain() throws IOException {
    Files.writeString(file, "broken");
    assertThat(store.reload()).isEqualTo(Reload.REJECTED);
    assertThat(store.current()).isEmpty();
    Files.writeString(file, "stack: fixed");
    store.reload();
    Files.writeString(file, "broken");
    store.reload();

    assertThat(warnings()).hasSize(2);
    assertThat(warnings().get(0)).contains("there is no earlier good state");
  }

  @Test
  void theFirstLoadHandsAnInvalidFilesProblemsToTheCallerWithoutLoggingThem() throws IOException {
    Files.writeString(file, "broken");

    assertThat(store.loadFirst()).containsExactly(file + ":1:1: not a stack [yaml.syntax]");
    assertThat(store.current()).isEmpty();
    assertThat(warnings()).isEmpty();
  }

  @Test
  void theFirstLoadReadsTheFileOnceAndAReloadOfTheSameContentChangesNothing() throws IOException {
    Files.writeString(file, "stack: one");
    int[] loads = {0};
    DesiredStateStore counting = new DesiredStateStore(file, f -> {
      loads[0]++;
      return load(f);
    });

    assertThat(counting.loadFirst()).isEmpty();
    assertThat(counting.current()).get().extracting(DesiredState::stack).isEqualTo("one");
    assertThat(counting.reload()).isEqualTo(Reload.UNCHANGED);
    assertThat(loads[0]).isEqualTo(1);
  }

  private List<String> warnings() {
    return logged.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
        .toList();
  }
}
