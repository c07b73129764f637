package dev.podkeeper.agent.loop;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
      assumeTrue(hangup.listening(), "this JVM started with SIGHUP ignored (nohup?): no handler gets it");
      Signal.raise(new Signal("HUP"));

      await().until(() -> loop.requests().contains(Trigger.SIGNAL));
    } finally {
      hangup.stop();
    }
  }
}
