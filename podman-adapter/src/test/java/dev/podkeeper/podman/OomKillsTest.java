package dev.podkeeper.podman;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podkeeper.model.observed.ObservedContainer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One inspect per run that ended with 137, never one for a running or otherwise exited container. */
class OomKillsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> inspected = new ArrayList<>();
  private final OomKills oomKills = new OomKills(id -> {
    inspected.add(id);
    return JSON.createObjectNode().set("State", JSON.createObjectNode().put("OOMKilled", id.equals("killed")));
  });

  @Test
  void aRunThatEndedWith137IsInspectedOnceAndItsVerdictKept() {
    JsonNode list = list(container("running", "running", 0, 0), container("exit1", "exited", 1, 100),
        container("killed", "exited", 137, 100));

    List<ObservedContainer> first = oomKills.flag(listed(list));
    List<ObservedContainer> second = oomKills.flag(listed(list));

    assertThat(inspected).containsExactly("killed");
    assertThat(first).extracting(ObservedContainer::oomKilled).containsExactly(false, false, true);
    assertThat(second).isEqualTo(first);
  }

  @Test
  void theNextRunOfTheSameContainerIsInspectedAgain() {
    JsonNode once = list(container("killed", "exited", 137, 100));
    JsonNode again = list(container("killed", "exited", 137, 200));

    oomKills.flag(listed(once));
    oomKills.flag(listed(again));

    assertThat(inspected).containsExactly("killed", "killed");
  }

  @Test
  void aHealthyStackCostsNoInspect() {
    JsonNode list = list(container("a", "running", 0, 0), container("b", "running", 0, 0));

    oomKills.flag(listed(list));

    assertThat(inspected).isEmpty();
  }

  private static List<ContainerListParser.Listed> listed(JsonNode list) {
    List<ContainerListParser.Listed> entries = new ArrayList<>();
    list.forEach(c -> entries.add(ContainerListParser.listed(c)));
    return entries;
  }

  private static JsonNode list(ObjectNode... containers) {
    ArrayNode list = JSON.createArrayNode();
    List.of(containers).forEach(list::add);
    return list;
  }

  private static ObjectNode container(String id, String state, int exitCode, long exitedAt) {
    ObjectNode c = JSON.createObjectNode().put("Id", id).put("State", state).put("Exited", state.equals("exited"))
        .put("ExitCode", exitCode).put("ExitedAt", exitedAt);
    c.putArray("Names").add(id);
    return c;
  }
}
