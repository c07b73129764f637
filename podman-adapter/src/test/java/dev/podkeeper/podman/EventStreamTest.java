package dev.podkeeper.podman;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podkeeper.model.port.EngineEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Event mapping, on events Podman 4.3.1 really sent on {@code /libpod/events}. */
class EventStreamTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void aHealthStatusEventCarriesTheStatusAsAnAttribute() throws Exception {
    EngineEvent event = EventStream.map(json.readTree("""
        {"status":"health_status","id":"3cdb10e6","from":"localhost/pk-test:1","Type":"container",
         "Action":"health_status","Actor":{"ID":"3cdb10e6","Attributes":{"containerExitCode":"0",
         "image":"localhost/pk-test:1","name":"pkexp-prov","podId":"","dev.podkeeper.stack":"demo"}},
         "scope":"local","time":1795713652,"timeNano":1795713652131686710,"HealthStatus":"healthy"}
        """));

    assertThat(event.type()).isEqualTo("container");
    assertThat(event.action()).isEqualTo("health_status");
    assertThat(event.id()).isEqualTo("3cdb10e6");
    assertThat(event.name()).isEqualTo("pkexp-prov");
    assertThat(event.attributes()).containsEntry("health_status", "healthy").containsEntry("dev.podkeeper.stack", "demo");
    assertThat(event.time()).isEqualTo(Instant.ofEpochSecond(1795713652, 131686710));
  }

  @Test
  void aNetworkEventIsAboutAContainer() throws Exception {
    EngineEvent event = EventStream.map(json.readTree("""
        {"status":"connect","id":"00a620e3","Type":"network","Action":"connect",
         "Actor":{"ID":"00a620e3","Attributes":{"containerExitCode":"0","image":"","name":"pkexp-solo","podId":""}},
         "scope":"local","time":1795713649,"timeNano":1795713649897400842}
        """));

    assertThat(event.type()).isEqualTo("network");
    assertThat(event.action()).isEqualTo("connect");
    assertThat(event.name()).isEqualTo("pkexp-solo");
    assertThat(event.attributes()).doesNotContainKey("health_status");
  }

  @Test
  void diedIsPassedOnAsDieWithTheExitCode() throws Exception {
    EngineEvent event = EventStream.map(json.readTree("""
        {"status":"died","id":"00a620e3","from":"localhost/pk-test:1","Type":"container","Action":"died",
         "Actor":{"ID":"00a620e3","Attributes":{"containerExitCode":"137","image":"localhost/pk-test:1",
         "name":"pkexp-solo","podId":""}},"scope":"local","time":1795713311,"timeNano":1795713311394046654}
        """));

    assertThat(event.action()).isEqualTo("die");
    assertThat(event.attributes()).containsEntry("exitCode", "137");
  }

  @Test
  void anEventWithoutTypeIsDropped() throws Exception {
    assertThat(EventStream.map(json.readTree("{\"status\":\"x\"}"))).isNull();
  }
}
