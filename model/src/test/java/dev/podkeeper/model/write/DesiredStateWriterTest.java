package dev.podkeeper.model.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.parse.DesiredStateParser;
import dev.podkeeper.model.write.DocNode.Mapping;
import dev.podkeeper.model.write.DocNode.Sequence;
import java.util.List;
import org.junit.jupiter.api.Test;

class DesiredStateWriterTest {

  @Test
  void writesCommentsInPlaceAndReadsBackThroughTheParser() throws Exception {
    Mapping web = new Mapping();
    web.put("image", "localhost/web:1").commentAbove("the front end");
    Sequence ports = new Sequence();
    ports.add(DocNode.text("127.0.0.1:8080:80")).commentAfter("was 8080:80");
    web.put("ports", ports);
    web.put("command", DocNode.texts(List.of("sh", "-c", "echo \"hi\" # not a comment")));
    web.comment("logging: left out");
    Mapping env = new Mapping();
    env.put("ANSWER", "42");
    env.put("FLAG", "yes");
    env.put("EMPTY", "");
    env.put("URL", "http://x:1/a b");
    web.put("env", env);

    String yaml = DesiredStateWriter.write(List.of("generated"), file(web));

    assertThat(yaml).startsWith("# generated\nversion: 1\nstack: demo\n")
        .contains("    # the front end\n    image: localhost/web:1\n")
        .contains("      - \"127.0.0.1:8080:80\"  # was 8080:80\n")
        .contains("    # logging: left out\n");
    ContainerSpec parsed = parse(yaml).containers().get("web");
    assertThat(parsed.command()).contains(List.of("sh", "-c", "echo \"hi\" # not a comment"));
    assertThat(parsed.env()).containsExactly(java.util.Map.entry("ANSWER", "42"), java.util.Map.entry("FLAG", "yes"),
        java.util.Map.entry("EMPTY", ""), java.util.Map.entry("URL", "http://x:1/a b"));
    assertThat(parsed.ports()).hasSize(1);
  }

  @Test
  void writesMappingsInSequencesUnderTheirDash() throws Exception {
    Mapping root = file(container());
    Sequence directories = new Sequence();
    Mapping dir = new Mapping();
    dir.put("path", "/srv/a");
    dir.put("mode", "0750");
    directories.add(dir);
    root.put("directories", directories);

    String yaml = DesiredStateWriter.write(List.of(), root);

    assertThat(yaml).contains("directories:\n  - path: /srv/a\n    mode: \"0750\"\n");
    assertThat(parse(yaml).directories()).hasSize(1);
  }

  @Test
  void quotesEveryScalarAReaderCouldTakeForSomethingElse() {
    for (String tricky : List.of("no", "On", "null", "~", "1.0", "0755", "12:30", "a: b", "#x", "- x", "[a]", "{a}",
        "*ref", "&a", "!tag", "%x", "@x", "`x", "x ", "", "a,b", "tab\there", "new\nline", "\u0085")) {
      assertThat(YamlScalars.block(DocNode.text(tricky))).startsWith("\"");
    }
    assertThat(YamlScalars.block(DocNode.text("docker.io/library/busybox:1.36"))).isEqualTo(
        "docker.io/library/busybox:1.36");
    assertThat(YamlScalars.flow(DocNode.text("a:b"))).isEqualTo("\"a:b\"");
    assertThat(YamlScalars.quoted("\u0085")).isEqualTo("\"\\u0085\"");
  }

  @Test
  void refusesATrailingCommentOnAMappingInASequence() {
    Sequence items = new Sequence();
    Mapping item = new Mapping();
    item.put("path", "/srv/a");
    items.add(item).commentAfter("cannot go anywhere");
    Mapping root = new Mapping();
    root.put("directories", items);
    assertThatThrownBy(() -> DesiredStateWriter.write(List.of(), root)).isInstanceOf(IllegalArgumentException.class);
  }

  private static Mapping container() {
    Mapping web = new Mapping();
    web.put("image", "localhost/web:1");
    return web;
  }

  private static Mapping file(Mapping web) {
    Mapping root = new Mapping();
    root.put("version", DocNode.literal(1));
    root.put("stack", "demo");
    Mapping containers = new Mapping();
    containers.put("web", web);
    root.put("containers", containers);
    return root;
  }

  private static DesiredState parse(String yaml) throws Exception {
    return DesiredStateParser.parse("written.yaml", yaml);
  }
}
