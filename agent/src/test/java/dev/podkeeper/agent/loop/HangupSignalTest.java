package dev.podkeeper.agent.loop;

import static org.awaitility.Awaitility.await;

import dev.podkeeper.agent.reconcile.Trigger;
import org.junit.jupiter.api.Test;
import sun.misc.Signal;

class HangupSignalTest {

  @Test
  void sighupAsksForASignalPass() {
    RecordingRequester loop = new RecordingRequester();
    HangupSignal hangup = new HangupSignal(loop);
    hangup.start();
    try {
      Signal.raise(new Signal("HUP"));

      await().until(() -> loop.requests().contains(Trigger.SIGNAL));
    } finally {
      hangup.stop();
    }
  }
}
