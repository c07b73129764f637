package dev.podkeeper.agent.graph;

import dev.podkeeper.agent.graph.StackGraph.Cluster;
import dev.podkeeper.agent.graph.StackGraph.Edge;
import dev.podkeeper.agent.graph.StackGraph.Node;

/**
 * Graphviz DOT. Every id and label is a quoted string (DOT's {@code "..."} with {@code \"} and {@code \\}
 * escaped), so names with dots, dashes or quotes are safe; a label's line breaks become DOT's {@code \n}.
 */
public final class DotWriter {
  private final StringBuilder out = new StringBuilder();

  private DotWriter() {}

  public static String write(StackGraph graph) {
    return new DotWriter().graph(graph);
  }

  private String graph(StackGraph graph) {
    out.append("digraph ").append(quote(graph.title())).append(" {\n");
    out.append("  graph [label=").append(quote(graph.title()))
        .append(", labelloc=t, rankdir=LR, fontname=\"Helvetica\", compound=true];\n");
    out.append("  node [fontname=\"Helvetica\", fontsize=11];\n");
    out.append("  edge [fontname=\"Helvetica\", fontsize=9];\n");
    graph.clusters().forEach(cluster -> cluster(cluster, "  "));
    graph.nodes().forEach(node -> node(node, "  "));
    graph.edges().forEach(this::edge);
    out.append("}\n");
    return out.toString();
  }

  private void cluster(Cluster cluster, String indent) {
    // Graphviz draws a subgraph as a box only when its name starts with "cluster".
    out.append(indent).append("subgraph ").append(quote("cluster_" + cluster.id())).append(" {\n");
    out.append(indent).append("  label=").append(quote(cluster.label())).append("; style=rounded;\n");
    cluster.nodes().forEach(node -> node(node, indent + "  "));
    cluster.clusters().forEach(inner -> cluster(inner, indent + "  "));
    out.append(indent).append("}\n");
  }

  private void node(Node node, String indent) {
    String look = switch (node.shape()) {
      case CONTAINER -> "shape=box, style=\"rounded,filled\", fillcolor=\"#e8f0fe\"";
      case HOST_ADDRESS -> "shape=ellipse, style=filled, fillcolor=\"#f1f3f4\"";
      case PROXY -> "shape=hexagon, style=filled, fillcolor=\"#e6f4ea\"";
      case UNIT -> "shape=component, style=filled, fillcolor=\"#fef7e0\"";
    };
    out.append(indent).append(quote(node.id())).append(" [label=").append(quote(node.label())).append(", ")
        .append(look).append("];\n");
  }

  private void edge(Edge edge) {
    String look = switch (edge.line()) {
      case PORT -> "color=\"#5f6368\"";
      case LAN_PORT -> "color=\"#d93025\", fontcolor=\"#d93025\", penwidth=2.5";
      case ROUTE -> "color=\"#188038\"";
      case DEPENDS_ON -> "style=dashed";
      case REQUIRES_UNIT -> "style=dotted";
    };
    out.append("  ").append(quote(edge.from())).append(" -> ").append(quote(edge.to())).append(" [label=")
        .append(quote(edge.label())).append(", ").append(look).append("];\n");
  }

  static String quote(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
  }
}
