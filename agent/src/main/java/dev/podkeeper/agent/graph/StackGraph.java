package dev.podkeeper.agent.graph;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The stack as a picture: boxes (clusters) of nodes, and edges between nodes. Ids are generated ({@code n1},
 * {@code n2}, ... in the file's order), so the same file gives the same picture, byte for byte, and no name
 * (dots, dashes, colons) ever has to be an identifier in DOT or Mermaid; names are labels only.
 */
public record StackGraph(String title, List<Cluster> clusters, List<Node> nodes, List<Edge> edges) {
  public StackGraph {
    requireNonNull(title, "title is null");
    clusters = List.copyOf(clusters);
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  /** What a node stands for: the writers give each its own shape. */
  public enum Shape { CONTAINER, HOST_ADDRESS, PROXY, UNIT }

  /** What an edge says: the writers give each its own line. */
  public enum Line {
    /** A host address publishes a container port. */
    PORT,
    /** As {@link #PORT}, on an address other than loopback ({@code lanAccess: true}): drawn to stand out. */
    LAN_PORT,
    /** A route of the reverse proxy. */
    ROUTE,
    /** {@code dependsOn}. */
    DEPENDS_ON,
    /** {@code requiresUnits}. */
    REQUIRES_UNIT
  }

  /** @param label may hold line breaks ({@code \n}) */
  public record Node(String id, String label, Shape shape) {
    public Node {
      requireNonNull(id, "id is null");
      requireNonNull(label, "label is null");
      requireNonNull(shape, "shape is null");
    }
  }

  public record Cluster(String id, String label, List<Node> nodes, List<Cluster> clusters) {
    public Cluster {
      requireNonNull(id, "id is null");
      requireNonNull(label, "label is null");
      nodes = List.copyOf(nodes);
      clusters = List.copyOf(clusters);
    }
  }

  public record Edge(String from, String to, String label, Line line) {
    public Edge {
      requireNonNull(from, "from is null");
      requireNonNull(to, "to is null");
      requireNonNull(label, "label is null");
      requireNonNull(line, "line is null");
    }
  }
}
