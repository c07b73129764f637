package dev.podkeeper.podman;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.model.observed.ContainerStatus;
import dev.podkeeper.model.observed.HealthStatus;
import dev.podkeeper.model.observed.ObservedContainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Only members and their providers get a namespace; the host's word first, the engine's for the rest. */
class NetworkNamespacesTest {
  private final Map<String, String> onHost = new HashMap<>();
  private final List<String> askedOfHost = new ArrayList<>();
  private final List<List<String>> askedOfEngine = new ArrayList<>();

  private final NetworkNamespaces namespaces = new NetworkNamespaces(
      (pid, id) -> {
        askedOfHost.add(id + "@" + pid);
        return Optional.ofNullable(onHost.get(id));
      },
      ids -> {
        askedOfEngine.add(ids);
        return ids.stream().map(id -> running(id, 0, Optional.empty()).withNetworkNamespace(Optional.of("net:[9]")))
            .toList();
      });

  @Test
  void aStackWithoutMembersCostsNothing() {
    List<ObservedContainer> list = List.of(running("web", 10, Optional.empty()), running("db", 11, Optional.empty()));

    assertThat(namespaces.fill(list)).isSameAs(list);
    assertThat(askedOfHost).isEmpty();
    assertThat(askedOfEngine).isEmpty();
  }

  @Test
  void aRunningMemberAndItsProviderAreReadOnTheHostAndNoOtherContainer() {
    onHost.put("vpn", "net:[1]");
    onHost.put("torrent", "net:[1]");

    List<ObservedContainer> filled = namespaces.fill(List.of(
        running("vpn", 10, Optional.empty()), running("torrent", 11, Optional.of("vpn")),
        running("web", 12, Optional.empty())));

    assertThat(filled).extracting(c -> c.networkNamespace().orElse("-")).containsExactly("net:[1]", "net:[1]", "-");
    assertThat(askedOfHost).containsExactlyInAnyOrder("vpn@10", "torrent@11");
    assertThat(askedOfEngine).isEmpty();
  }

  @Test
  void whatTheHostCannotVouchForIsAskedOfTheEngineInOneCall() {
    onHost.put("vpn", "net:[1]");

    List<ObservedContainer> filled = namespaces.fill(List.of(
        running("vpn", 10, Optional.empty()), running("torrent", 11, Optional.of("vpn")),
        running("usenet", 12, Optional.of("vpn"))));

    assertThat(askedOfEngine).containsExactly(List.of("torrent", "usenet"));
    assertThat(filled).extracting(c -> c.networkNamespace().orElse("-")).containsExactly("net:[1]", "net:[9]", "net:[9]");
  }

  @Test
  void aMemberWhoseProviderDoesNotRunIsReadAloneAndAStoppedMemberNotAtAll() {
    onHost.put("torrent", "net:[2]");
    ObservedContainer stoppedProvider = container("vpn", ContainerStatus.EXITED, OptionalLong.empty(), Optional.empty());
    ObservedContainer stoppedMember = container("usenet", ContainerStatus.EXITED, OptionalLong.empty(), Optional.of("vpn"));

    List<ObservedContainer> filled = namespaces.fill(List.of(
        stoppedProvider, running("torrent", 11, Optional.of("vpn")), stoppedMember));

    assertThat(askedOfHost).containsExactly("torrent@11");
    assertThat(filled).extracting(c -> c.networkNamespace().orElse("-")).containsExactly("-", "net:[2]", "-");
  }

  @Test
  void oneInspectedContainerIsReadOnTheHostWhateverItIs() {
    onHost.put("web", "net:[3]");

    assertThat(namespaces.fillOne(running("web", 12, Optional.empty())).orElseThrow().networkNamespace())
        .contains("net:[3]");
    assertThat(askedOfEngine).isEmpty();
  }

  @Test
  void oneInspectedContainerTheHostCannotVouchForTakesOnlyItsNamespaceFromTheEnginesList() {
    ObservedContainer inspected = running("torrent", 11, Optional.of("vpn"));

    assertThat(namespaces.fillOne(inspected)).contains(inspected.withNetworkNamespace(Optional.of("net:[9]")));
    assertThat(askedOfEngine).containsExactly(List.of("torrent"));
  }

  /** The real reader on this JVM's own process: its cgroup names it (a part of its path), a made-up ID does not. */
  @Test
  void procTellsAProcessNamespaceOnlyWhenItsCgroupNamesTheContainer() throws IOException {
    long self = ProcessHandle.current().pid();
    String cgroupLine = Files.readAllLines(Path.of("/proc/self/cgroup")).get(0);
    String namedInCgroup = cgroupLine.substring(cgroupLine.lastIndexOf(':') + 1);
    String expected = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();

    assertThat(HostNamespaces.PROC.networkNamespace(self, namedInCgroup)).contains(expected);
    assertThat(HostNamespaces.PROC.networkNamespace(self, "0123456789abcdef-not-this-process")).isEmpty();
    assertThat(HostNamespaces.PROC.networkNamespace(Long.MAX_VALUE, namedInCgroup)).as("no such process").isEmpty();
  }

  private static ObservedContainer running(String id, long pid, Optional<String> provider) {
    return container(id, ContainerStatus.RUNNING, OptionalLong.of(pid), provider);
  }

  private static ObservedContainer container(String id, ContainerStatus status, OptionalLong pid,
      Optional<String> provider) {
    return new ObservedContainer(id, id, "img", Map.of(), status, HealthStatus.NONE, Optional.empty(), provider,
        Optional.empty(), Optional.empty(), false, pid);
  }
}
