package dev.podkeeper.model.parse;

import dev.podkeeper.model.validate.NodePath;
import dev.podkeeper.model.validate.Quote;
import java.util.Optional;

/**
 * The mapping to write where a single value was written instead ({@code jellyfin.service: active},
 * {@code - /srv/media} under {@code directories:}): the value put under the key it most likely meant.
 */
final class MappingHint {
  private MappingHint() {}

  /** {@code "; write ..."}, or nothing when there is no likely key. */
  static String forValue(NodePath path, YamlNode value) {
    if (!(value instanceof YamlNode.Scalar s) || s.isNull() || path.segments().size() < 2 || s.text().length() > 80) {
      return ""; // a long value is no key's: showing it twice would only make the message long
    }
    String text = s.text();
    String section = path.segments().get(0).toString();
    String name = path.segments().get(1).isIndex() ? "" : Quote.bare(path.segments().get(1).key());
    Optional<String> mapping = switch (path.segments().size() == 2 ? section : path.last().toString()) {
      case "units" -> Optional.of(name + ": { " + (text.equals("active") || text.equals("inactive")
          ? "state: " + text : "state: active") + " }");
      case "directories" -> Optional.of("- path: " + Quote.bare(text));
      case "containers" -> Optional.of(name + ": { image: " + Quote.bare(text) + " }");
      case "networks" -> Optional.of(name + ": {}");
      case "envFiles" -> Optional.of(name + ": { path: " + (text.startsWith("/") ? Quote.bare(text) : "/etc/app.env")
          + ", values: { KEY: value } }");
      case "health" -> Optional.of("health: { test: " + Quote.of(text) + " }");
      case "defaults" -> Optional.of("defaults: { owner: \"1000:1000\", mode: \"0755\" }");
      default -> Optional.empty();
    };
    return mapping.map(m -> "; write " + m).orElse("");
  }
}
