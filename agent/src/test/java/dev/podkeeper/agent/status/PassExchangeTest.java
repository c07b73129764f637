package dev.podkeeper.agent.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.agent.reconcile.LogFormat;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The request line {@code apply} sends to a running agent, read back as the agent reads it. */
class PassExchangeTest {
  @Test
  void anAskReadsBackAsItWasSentWithAndWithoutCheckUpdates() {
    PassExchange.Ask plain = new PassExchange.Ask(LogFormat.JSON, Path.of("/etc/podkeeper/stack.yaml"));
    PassExchange.Ask checking = new PassExchange.Ask(LogFormat.TEXT, Path.of("/srv/my stacks/check-updates.yaml"),
        true);

    assertThat(plain.line()).isEqualTo("pass json /etc/podkeeper/stack.yaml\n");
    assertThat(checking.line()).isEqualTo("pass text check-updates /srv/my stacks/check-updates.yaml\n");
    assertThat(PassExchange.Ask.parse(plain.line())).contains(plain);
    assertThat(PassExchange.Ask.parse(checking.line())).contains(checking);
  }

  @Test
  void aLineThatIsNoAskIsAStatusRequest() {
    assertThat(PassExchange.Ask.parse("pass yaml /etc/podkeeper/stack.yaml")).isEmpty();
    assertThat(PassExchange.Ask.parse("status")).isEmpty();
  }
}
