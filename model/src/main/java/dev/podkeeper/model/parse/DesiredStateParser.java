package dev.podkeeper.model.parse;

import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.validate.DesiredStateValidator;
import dev.podkeeper.model.validate.HostAddresses;
import dev.podkeeper.model.validate.Violation;
import dev.podkeeper.model.validate.Warning;
import dev.podkeeper.model.validate.Warnings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a desired-state file into a valid {@link DesiredState}, or fails with every problem the file
 * has, each at its line and column. Reading, binding and validating all go on past a problem, so a
 * user fixes a file in one round, not one error at a time.
 */
public final class DesiredStateParser {
  private DesiredStateParser() {}

  /** Reads the file (at most 8 MiB, UTF-8); an unreadable file is one {@code file.readable} problem. */
  public static DesiredState parse(Path file) throws InvalidDesiredStateException {
    return read(file, HostAddresses.UNKNOWN).state();
  }

  /**
   * Like {@link #parse(Path)}, with the file's warnings too.
   *
   * @param host the addresses of the host the file is for, when known (for the host IP warning)
   */
  public static ParsedFile read(Path file, HostAddresses host) throws InvalidDesiredStateException {
    String label = file.toString();
    return parse(label, file, SourceText.read(label, file), host);
  }

  /**
   * @param fileLabel names the file in problems (and becomes {@link DesiredState#source()})
   */
  public static DesiredState parse(String fileLabel, String yamlText) throws InvalidDesiredStateException {
    return read(fileLabel, yamlText, HostAddresses.UNKNOWN).state();
  }

  public static ParsedFile read(String fileLabel, String yamlText, HostAddresses host)
      throws InvalidDesiredStateException {
    return parse(fileLabel, Path.of(fileLabel), SourceText.of(fileLabel, yamlText), host);
  }

  private static ParsedFile parse(String label, Path source, String text, HostAddresses host)
      throws InvalidDesiredStateException {
    Problems problems = new Problems(label);
    Optional<YamlNode> root = YamlTreeReader.read(text, problems);
    if (root.isEmpty()) {
      throw problems.exception();
    }
    SourceMap sources = SourceMap.of(root.get());
    DesiredState state = DesiredStateBinder.bind(root.get(), source, new Binding(problems, sources));
    for (Violation v : DesiredStateValidator.validate(state)) {
      // A stand-in for a value that failed to bind is no news: that failure is reported already.
      if (sources.isStandIn(v.path())) {
        continue;
      }
      Location at = sources.find(v.path(), v.onKey()).orElseGet(() -> sources.nearest(v.path()));
      String related = v.related().map(r -> " (" + problems.reference(sources.nearest(r)) + ")").orElse("");
      problems.add(at, v.rule(), v.message() + related);
    }
    if (problems.any()) {
      throw problems.exception();
    }
    Problems warnings = new Problems(label);
    for (Warning w : Warnings.of(state, host)) {
      warnings.add(sources.find(w.path(), false).orElseGet(() -> sources.nearest(w.path())), w.advice().id(),
          w.message());
    }
    return new ParsedFile(state, warnings.sorted());
  }
}
