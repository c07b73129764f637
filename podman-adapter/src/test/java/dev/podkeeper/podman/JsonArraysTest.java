package dev.podkeeper.podman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonArraysTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void eachElementIsMappedInTheArraysOrder() throws IOException {
    List<String> ids = JsonArrays.read(JSON, stream("[{\"Id\":\"a\",\"Labels\":{\"x\":\"1\"}}, {\"Id\":\"b\"}, {}]"),
        c -> c.path("Id").asText("none"));

    assertThat(ids).containsExactly("a", "b", "none");
  }

  @Test
  void anEmptyArrayIsNoElements() throws IOException {
    assertThat(JsonArrays.read(JSON, stream("[]"), JsonNode::toString)).isEmpty();
  }

  @Test
  void anArrayCutShortIsAnErrorNotAShorterList() {
    assertThatThrownBy(() -> JsonArrays.read(JSON, stream("[{\"Id\":\"a\"},"), JsonNode::toString))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> JsonArrays.read(JSON, stream("[{\"Id\":\"a\"}"), JsonNode::toString))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("end-of-input");
  }

  @Test
  void anythingButAnArrayIsAnError() {
    assertThatThrownBy(() -> JsonArrays.read(JSON, stream("{\"message\":\"no\"}"), JsonNode::toString))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("expected a JSON array, found START_OBJECT");
    assertThatThrownBy(() -> JsonArrays.read(JSON, stream(""), JsonNode::toString))
        .isInstanceOf(IOException.class);
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
