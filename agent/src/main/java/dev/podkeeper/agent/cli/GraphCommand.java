package dev.podkeeper.agent.cli;

import dev.podkeeper.agent.graph.DotWriter;
import dev.podkeeper.agent.graph.GraphvizSvg;
import dev.podkeeper.agent.graph.MermaidWriter;
import dev.podkeeper.agent.graph.StackGraph;
import dev.podkeeper.agent.graph.StackGraphs;
import dev.podkeeper.model.desired.DesiredState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code podkeeper graph FILE [--format dot|svg|mermaid]}: the stack as a picture, on stdout, from the file
 * alone (no engine, no D-Bus). The same file gives the same bytes.
 */
@Command(name = "graph",
    description = "Draw FILE's stack: networks, namespace groups, published ports, routes, units and dependencies.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:The picture is on stdout.", "1:FILE is invalid, or Graphviz's dot is missing or failed (svg).",
        "2:Usage error."})
public final class GraphCommand implements Callable<Integer> {
  /** What {@code --format} takes. */
  public enum Format { DOT, SVG, MERMAID }

  @Spec
  private CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The desired-state file.")
  private Path file;

  @Option(names = "--format", paramLabel = "dot|svg|mermaid", defaultValue = "dot",
      description = "dot (Graphviz), svg (through Graphviz's dot, which must be installed) or mermaid (renders on "
          + "GitHub). Default: ${DEFAULT-VALUE}.")
  private Format format;

  @Override
  public Integer call() throws InterruptedException {
    Optional<DesiredState> desired = DesiredStateFile.load(file, spec.commandLine().getErr());
    if (desired.isEmpty()) {
      return 1;
    }
    StackGraph graph = StackGraphs.of(desired.get());
    String picture;
    try {
      picture = switch (format) {
        case DOT -> DotWriter.write(graph);
        case MERMAID -> MermaidWriter.write(graph);
        case SVG -> new GraphvizSvg().render(DotWriter.write(graph));
      };
    } catch (IOException e) {
      spec.commandLine().getErr().println("graph: " + e.getMessage());
      return 1;
    }
    spec.commandLine().getOut().print(picture);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
