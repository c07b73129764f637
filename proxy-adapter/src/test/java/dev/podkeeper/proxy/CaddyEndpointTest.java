package dev.podkeeper.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CaddyEndpointTest {
  @Test
  void readsATcpAndAUnixSocketEndpoint() {
    assertThat(CaddyEndpoint.parse("http://127.0.0.1:2019").tcp()).contains(URI.create("http://127.0.0.1:2019"));
    assertThat(CaddyEndpoint.parse("unix:///run/caddy/admin.sock").socket()).contains(Path.of("/run/caddy/admin.sock"));
    assertThat(CaddyEndpoint.parse("unix:///run/caddy/admin.sock")).hasToString("unix:///run/caddy/admin.sock");
  }

  @Test
  void refusesWhatIsNeitherWithTheTwoFormsItTakes() {
    for (String bad : new String[] {"https://127.0.0.1:2019", "http://127.0.0.1", "127.0.0.1:2019", "unix:admin.sock",
        "http://127.0.0.1:2019/config"}) {
      assertThatThrownBy(() -> CaddyEndpoint.parse(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("http://HOST:PORT or unix:///PATH");
    }
  }
}
