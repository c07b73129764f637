package dev.podkeeper.podman;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads a JSON array one element at a time, as the bytes arrive. Podman sends a list of 1000 containers
 * (1.5 MB) in 2 KiB chunks, paced by how fast the client reads: parsed as it comes, the list costs little more
 * than its transfer, and only one element's tree is alive at a time, so the answer never sits in the heap
 * whole (as bytes, then as a tree) to be copied by the collector.
 */
final class JsonArrays {
  private JsonArrays() {}

  /**
   * @param element maps each element, parsed as a tree of its own
   * @throws IOException if the input is not one whole JSON array
   */
  static <T> List<T> read(ObjectMapper json, InputStream in, Function<JsonNode, T> element) throws IOException {
    try (JsonParser parser = json.createParser(in)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw new IOException("expected a JSON array, found " + parser.currentToken());
      }
      List<T> elements = new ArrayList<>();
      // An answer cut short is the parser's error (end-of-input inside the array), never a shorter list.
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        elements.add(element.apply(json.readTree(parser)));
      }
      return elements;
    }
  }
}
