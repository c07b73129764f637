package dev.podkeeper.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MetricsAddressTest {

  @Test
  void loopbackAddressesOfBothFamiliesAreAccepted() {
    assertThat(MetricsAddress.parse("127.0.0.1:9464")).hasToString("127.0.0.1:9464");
    assertThat(MetricsAddress.parse("[::1]:9464").port()).isEqualTo(9464);
    assertThat(MetricsAddress.parse("127.0.0.2:80").address().isLoopbackAddress()).isTrue();
  }

  @Test
  void everyOtherAddressIsRefusedWithTheReason() {
    assertThatThrownBy(() -> MetricsAddress.parse("0.0.0.0:9464")).hasMessageContaining("not a loopback address");
    assertThatThrownBy(() -> MetricsAddress.parse(":9464")).hasMessageContaining("not a loopback address");
    assertThatThrownBy(() -> MetricsAddress.parse("192.168.1.10:9464")).hasMessageContaining("127.0.0.1");
    assertThatThrownBy(() -> MetricsAddress.parse("localhost:9464")).hasMessageContaining("is not IP:PORT");
    assertThatThrownBy(() -> MetricsAddress.parse("127.0.0.1")).hasMessageContaining("is not IP:PORT");
    assertThatThrownBy(() -> MetricsAddress.parse("127.0.0.1:0")).hasMessageContaining("is not IP:PORT");
  }
}
