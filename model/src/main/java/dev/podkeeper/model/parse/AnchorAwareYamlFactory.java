package dev.podkeeper.model.parse;

import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.Reader;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * A {@link YAMLFactory} whose parsers also tell the anchor of every node and whether a key was written
 * plain. Jackson's own parser drops the anchors of scalar values, so {@code image: &img ...} followed by
 * {@code *img} could not be resolved, and a quoted {@code "<<"} would look like a merge key.
 * Only {@link #createParser(Reader)} is supported: {@link YamlTreeReader} always reads a {@code Reader}.
 */
final class AnchorAwareYamlFactory extends YAMLFactory {
  private static final long serialVersionUID = 1L;

  AnchorAwareYamlFactory(YAMLFactoryBuilder builder) {
    super(builder);
  }

  @Override
  protected YAMLParser _createParser(Reader reader, IOContext context) {
    return new Parser(context, _parserFeatures, _yamlParserFeatures, this, reader);
  }

  static final class Parser extends YAMLParser {
    Parser(IOContext context, int features, int yamlFeatures, AnchorAwareYamlFactory factory, Reader reader) {
      super(context, features, yamlFeatures, factory._loaderOptions, factory._objectCodec, reader);
    }

    /** The anchor ({@code &name}) of the node the current token starts, if any. */
    String anchor() {
      return _lastEvent instanceof NodeEvent node ? node.getAnchor() : null;
    }

    /** Whether the current scalar was written without quotes. */
    boolean isPlain() {
      return _lastEvent instanceof ScalarEvent scalar && scalar.isPlain();
    }
  }
}
