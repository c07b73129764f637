package dev.podkeeper.agent.loop;

import dev.podkeeper.agent.reconcile.Trigger;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link PassRequester} that only remembers what it was asked, for tests of trigger sources. */
public final class RecordingRequester implements PassRequester {
  private final List<Trigger> requests = new CopyOnWriteArrayList<>();

  @Override
  public void request(Trigger trigger) {
    requests.add(trigger);
  }

  public List<Trigger> requests() {
    return List.copyOf(requests);
  }

  public long count(Trigger trigger) {
    return requests.stream().filter(t -> t == trigger).count();
  }
}
