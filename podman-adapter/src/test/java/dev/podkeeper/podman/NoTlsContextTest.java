package dev.podkeeper.podman;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class NoTlsContextTest {
  @Test
  void everyTlsUseIsRefusedWithAReason() throws Exception {
    SSLContext context = NoTlsContext.config().getSSLContext();

    assertThatThrownBy(context::getSocketFactory)
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("unix socket");
    assertThatThrownBy(() -> context.createSSLEngine("podman", 443))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> context.init(null, null, null))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
