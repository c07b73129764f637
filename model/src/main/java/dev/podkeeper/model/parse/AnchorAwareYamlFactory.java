package dev.podkeeper.model.parse;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.Reader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * A {@link YAMLFactory} whose parsers also tell the anchor of every node and whether a scalar was
 * written plain. Jackson's own parser drops the anchors of scalar values, so {@code image: &img ...} followed by
 * {@code *img} could not be resolved, and a quoted {@code "<<"} would look like a merge key.
 * Only {@link #createParser(Reader)} is supported: {@link YamlTreeReader} always reads a {@code Reader}.
 */
final class AnchorAwareYamlFactory extends YAMLFactory {
  private static final long serialVersionUID = 1L;

  private AnchorAwareYamlFactory(YAMLFactoryBuilder builder) {
    super(builder);
  }

  /**
   * A factory for files nobody vetted: code points, nesting and aliases are bounded, and {@code yes},
   * {@code no}, {@code on}, {@code off} stay words (YAML 1.2), so {@code restart: no} means "no".
   */
  static AnchorAwareYamlFactory hardened(int maxDepth, int maxAliases) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(16 << 20);
    // These two bind snakeyaml's Composer, which Jackson's streaming parser does not use: set for any
    // future use of these options; YamlTreeReader enforces both itself.
    options.setMaxAliasesForCollections(maxAliases);
    options.setNestingDepthLimit(maxDepth);
    // Duplicate keys are an error, but YamlTreeReader reports each one where it is and reads on; with
    // allowDuplicateKeys false, Jackson would stop at the first with an exception instead.
    options.setAllowDuplicateKeys(true);
    return new AnchorAwareYamlFactory(YAMLFactory.builder()
        .loaderOptions(options)
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(maxDepth + 1) // a backstop: YamlTreeReader stops at maxDepth with a clearer message
            .maxNumberLength(100_000) // numbers are read from their text by the binder, with their own limits
            .build())
        .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS));
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
