package dev.podkeeper.agent.graph;

import dev.podkeeper.agent.graph.StackGraph.Cluster;
import dev.podkeeper.agent.graph.StackGraph.Edge;
import dev.podkeeper.agent.graph.StackGraph.Line;
import dev.podkeeper.agent.graph.StackGraph.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * A Mermaid flowchart (GitHub renders it in a {@code ```mermaid} block). Ids are the graph's own
 * ({@code n1}, ...); every label is a quoted string in which Mermaid's entity codes stand for the characters
 * that would end or break it ({@code #quot;}), and line breaks become {@code <br/>}.
 */
public final class MermaidWriter {
  private final StringBuilder out = new StringBuilder();
  private final List<Integer> lanEdges = new ArrayList<>();

  private MermaidWriter() {}

  public static String write(StackGraph graph) {
    return new MermaidWriter().graph(graph);
  }

  private String graph(StackGraph graph) {
    out.append("---\ntitle: ").append(graph.title()).append("\n---\n"); // a stack name needs no quoting
    out.append("flowchart LR\n");
    graph.clusters().forEach(cluster -> cluster(cluster, "  "));
    graph.nodes().forEach(node -> node(node, "  "));
    for (int i = 0; i < graph.edges().size(); i++) {
      edge(graph.edges().get(i), i);
    }
    out.append("  classDef container fill:#e8f0fe,stroke:#4285f4\n");
    out.append("  classDef host fill:#f1f3f4,stroke:#5f6368\n");
    out.append("  classDef proxy fill:#e6f4ea,stroke:#188038\n");
    out.append("  classDef unit fill:#fef7e0,stroke:#f9ab00\n");
    for (int index : lanEdges) {
      out.append("  linkStyle ").append(index).append(" stroke:#d93025,stroke-width:3px,color:#d93025\n");
    }
    return out.toString();
  }

  private void cluster(Cluster cluster, String indent) {
    out.append(indent).append("subgraph ").append(cluster.id()).append(" [").append(quote(cluster.label()))
        .append("]\n");
    cluster.nodes().forEach(node -> node(node, indent + "  "));
    cluster.clusters().forEach(inner -> cluster(inner, indent + "  "));
    out.append(indent).append("end\n");
  }

  private void node(Node node, String indent) {
    String label = quote(node.label());
    String shaped = switch (node.shape()) {
      case CONTAINER -> "(" + label + "):::container";
      case HOST_ADDRESS -> "([" + label + "]):::host";
      case PROXY -> "{{" + label + "}}:::proxy";
      case UNIT -> "[[" + label + "]]:::unit";
    };
    out.append(indent).append(node.id()).append(shaped).append('\n');
  }

  private void edge(Edge edge, int index) {
    String arrow = switch (edge.line()) {
      case PORT, ROUTE -> "-->";
      case LAN_PORT -> "==>";
      case DEPENDS_ON, REQUIRES_UNIT -> "-.->";
    };
    if (edge.line() == Line.LAN_PORT) {
      lanEdges.add(index);
    }
    out.append("  ").append(edge.from()).append(' ').append(arrow).append('|').append(quote(edge.label()))
        .append("| ").append(edge.to()).append('\n');
  }

  static String quote(String text) {
    return '"' + text.replace("#", "#35;").replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;")
        .replace("|", "#124;").replace("\n", "<br/>") + '"';
  }
}
