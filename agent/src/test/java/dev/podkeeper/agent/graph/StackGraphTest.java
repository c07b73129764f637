package dev.podkeeper.agent.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.parse.DesiredStateParser;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The picture of a small stack: its DOT parsed back into clusters, nodes and edges (by label, as a reader sees
 * them), the same in Mermaid, and the DOT rendered by the real Graphviz.
 */
class StackGraphTest {
  private static final String YAML = """
      version: 1
      stack: media
      networks:
        media.net:
          subnet: 10.89.0.0/24
      units:
        jellyfin.service:
          state: active
          routes: [{ path: /jellyfin, site: main, upstream: "127.0.0.1:8096" }]
      proxy:
        sites:
          main:
            listen: ["127.0.0.1:8443"]
      containers:
        gluetun:
          image: qmcgaw/gluetun
          network: media.net
          ports: ["127.0.0.1:8080:8080"]
        qbit-torrent:
          image: linuxserver/qbittorrent
          network: container:gluetun
          routes: [{ path: /qbt, site: main, port: 8080 }]
        sonarr:
          image: linuxserver/sonarr
          network: media.net
          ports: ["127.0.0.1:8989:8989"]
          dependsOn: [gluetun]
          requiresUnits: [jellyfin.service]
        web.ui-2:
          image: busybox
          network: media.net
          lanAccess: true
          ports: ["192.168.1.10:8096:8096"]
      """;

  private final StackGraph graph = StackGraphs.of(parse(YAML));

  @Test
  void theDotHasEveryNetworkNamespaceGroupPortRouteUnitAndDependency() {
    Dot dot = Dot.parse(DotWriter.write(graph));

    assertThat(dot.clusters).containsExactly("network media.net (10.89.0.0/24)", "network namespace of gluetun",
        "native services (systemd units)");
    assertThat(dot.clusterOf).containsEntry("gluetun", "network namespace of gluetun")
        .containsEntry("qbit-torrent", "network namespace of gluetun")
        .containsEntry("sonarr", "network media.net (10.89.0.0/24)")
        .containsEntry("web.ui-2", "network media.net (10.89.0.0/24)")
        .containsEntry("jellyfin.service", "native services (systemd units)");
    assertThat(dot.edges).contains(
        "host 127.0.0.1\\n(loopback) -> gluetun [8080 → 8080/tcp]",
        "host 127.0.0.1\\n(loopback) -> sonarr [8989 → 8989/tcp]",
        "host 192.168.1.10\\n(lanAccess: reachable from the LAN) -> web.ui-2 [8096 → 8096/tcp]",
        "reverse proxy (Caddy)\\nhttp://127.0.0.1:2019 -> qbit-torrent [main /qbt]",
        "reverse proxy (Caddy)\\nhttp://127.0.0.1:2019 -> jellyfin.service [main /jellyfin]",
        "sonarr -> gluetun [dependsOn]",
        "sonarr -> jellyfin.service [requiresUnits]");
    assertThat(DotWriter.write(graph)).contains("penwidth=2.5").as("the LAN port stands out");
  }

  @Test
  void theSameFileGivesTheSameBytes() {
    StackGraph again = StackGraphs.of(parse(YAML));

    assertThat(DotWriter.write(again)).isEqualTo(DotWriter.write(graph));
    assertThat(MermaidWriter.write(again)).isEqualTo(MermaidWriter.write(graph));
  }

  @Test
  void mermaidQuotesEveryLabelAndHighlightsTheLanPort() {
    String mermaid = MermaidWriter.write(graph);

    assertThat(mermaid).startsWith("---\ntitle: stack media\n---\nflowchart LR\n")
        .contains("subgraph n1 [\"network media.net (10.89.0.0/24)\"]")
        .contains("(\"web.ui-2\"):::container")
        .contains("[[\"jellyfin.service\"]]:::unit")
        .contains("-.->|\"requiresUnits\"|")
        .containsPattern("==>\\|\"8096 → 8096/tcp\"\\| n\\d+")
        .containsPattern("linkStyle \\d+ stroke:#d93025");
    assertThat(mermaid.lines().filter(line -> line.strip().startsWith("subgraph")).count()).isEqualTo(3);
    assertThat(mermaid.lines().filter(line -> line.strip().equals("end")).count()).isEqualTo(3);
  }

  @Test
  void graphvizRendersTheDotAsSvg() throws Exception {
    String svg = new GraphvizSvg().render(DotWriter.write(graph));

    assertThat(svg).contains("<svg").contains("</svg>").contains("qbit&#45;torrent").contains("jellyfin.service");
  }

  @Test
  void aMissingDotSaysWhatToInstall() {
    GraphvizSvg missing = new GraphvizSvg("/nonexistent/dot", Duration.ofSeconds(5));

    assertThatThrownBy(() -> missing.render("digraph {}")).isInstanceOf(IOException.class)
        .hasMessageContaining("apt-get install graphviz").hasMessageContaining("--format dot");
  }

  @Test
  void quotesAndBackslashesInLabelsAreEscaped() {
    assertThat(DotWriter.quote("a \"b\" \\ c\nd")).isEqualTo("\"a \\\"b\\\" \\\\ c\\nd\"");
    assertThat(MermaidWriter.quote("a \"b\" <c> | #d\ne")).isEqualTo("\"a #quot;b#quot; #lt;c#gt; #124; #35;d<br/>e\"");
  }

  @Test
  void aDotThatFailsIsQuoted() {
    assertThatThrownBy(() -> new GraphvizSvg().render("digraph { a -> }")).isInstanceOf(IOException.class)
        .hasMessageContaining("dot -Tsvg failed").hasMessageContaining("syntax error");
  }

  private static DesiredState parse(String yaml) {
    try {
      return DesiredStateParser.parse("media.yaml", yaml);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /**
   * The parts of the DOT a reader sees, by label: clusters in order, each node's innermost cluster, and edges
   * as {@code from -> to [label]}. Reads the subset DotWriter writes (one statement a line), and fails on any
   * other line, so a writer change that this misses cannot pass unnoticed.
   */
  private static final class Dot {
    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    final List<String> clusters = new ArrayList<>();
    final Map<String, String> clusterOf = new LinkedHashMap<>();
    final List<String> edges = new ArrayList<>();

    static Dot parse(String text) {
      Dot dot = new Dot();
      Map<String, String> labels = new LinkedHashMap<>();
      List<String[]> rawEdges = new ArrayList<>();
      List<String> open = new ArrayList<>();
      for (String line : text.lines().map(String::strip).toList()) {
        List<String> quoted = quoted(line);
        if (line.startsWith("subgraph ")) {
          open.add("?");
        } else if (line.startsWith("label=") && !open.isEmpty()) {
          open.set(open.size() - 1, quoted.get(0));
          dot.clusters.add(quoted.get(0));
        } else if (line.equals("}")) {
          if (!open.isEmpty()) {
            open.remove(open.size() - 1);
          }
        } else if (line.contains(" -> ")) {
          rawEdges.add(new String[] {quoted.get(0), quoted.get(1), quoted.get(2)});
        } else if (line.startsWith("\"n")) {
          labels.put(quoted.get(0), quoted.get(1));
          if (!open.isEmpty()) {
            dot.clusterOf.put(quoted.get(1), open.get(open.size() - 1));
          }
        } else if (!line.startsWith("digraph ") && !line.startsWith("graph [") && !line.startsWith("node [")
            && !line.startsWith("edge [")) {
          throw new AssertionError("a line the test does not know: " + line);
        }
      }
      rawEdges.forEach(e -> dot.edges.add(labels.get(e[0]) + " -> " + labels.get(e[1]) + " [" + e[2] + "]"));
      return dot;
    }

    /** Quoted strings, unescaped as DOT does ({@code \"} and {@code \\}); {@code \n} is kept as written. */
    private static List<String> quoted(String line) {
      List<String> found = new ArrayList<>();
      Matcher m = QUOTED.matcher(line);
      while (m.find()) {
        found.add(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
      }
      return found;
    }
  }
}
