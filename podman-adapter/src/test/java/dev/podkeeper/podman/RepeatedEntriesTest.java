package dev.podkeeper.podman;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RepeatedEntriesTest {
  private record Entry(String id, String state) {}

  private final RepeatedEntries<Entry> entries = new RepeatedEntries<>(Entry::id);

  @Test
  void anUnchangedEntryIsTheInstanceTheListBeforeHad() {
    Entry first = new Entry("a", "running");
    list(first);

    Entry again = new Entry("a", "running");
    RepeatedEntries<Entry>.Listing listing = entries.begin();

    assertThat(listing.same(again)).isSameAs(first);
  }

  @Test
  void aChangedEntryIsItsNewSelfAndTheNextListComparesWithThat() {
    list(new Entry("a", "running"));
    Entry exited = new Entry("a", "exited");

    assertThat(list(exited)).isSameAs(exited);
    assertThat(list(new Entry("a", "exited"))).isSameAs(exited);
  }

  @Test
  void aListThatDidNotFinishIsNotComparedWith() {
    Entry first = new Entry("a", "running");
    list(first);
    entries.begin().same(new Entry("a", "running")); // the call failed midway: no done()

    assertThat(list(new Entry("a", "running"))).isSameAs(first);
  }

  @Test
  void anEntryGoneFromTheListIsForgotten() {
    Entry first = new Entry("a", "running");
    list(first);
    list(new Entry("b", "running"));
    Entry back = new Entry("a", "running");

    assertThat(list(back)).isSameAs(back);
  }

  /** One whole list call of one entry; what it kept. */
  private Entry list(Entry entry) {
    RepeatedEntries<Entry>.Listing listing = entries.begin();
    Entry kept = listing.same(entry);
    listing.done();
    return kept;
  }
}
