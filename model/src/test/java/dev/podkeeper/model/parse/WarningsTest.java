package dev.podkeeper.model.parse;

import static dev.podkeeper.model.parse.Parsing.withHeader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.model.validate.Advice;
import dev.podkeeper.model.validate.HostAddresses;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Warnings: the file is valid (it applies), each warning at its line and column, with its advice's id. */
class WarningsTest {
  private static final String HEAD = withHeader("networks: { n: {} }", "containers:");

  @Test
  void lanAccessWithOnlyLoopbackPortsDoesNothing() throws Exception {
    List<Problem> warnings = warnings(HEAD
        + "  a: { image: i:1, network: n, lanAccess: true, ports: [\"127.0.0.1:80:80\"] }\n"
        + "  b: { image: i:1, network: n, lanAccess: true, ports: [\"0.0.0.0:81:80\"] }\n", HostAddresses.UNKNOWN);

    assertThat(warnings).singleElement().satisfies(w -> {
      assertThat(ParsedFile.line(w)).isEqualTo("stack.yaml:5:43: warning: lanAccess: true does nothing for container"
          + " \"a\": all its ports are on loopback; give a port a LAN host IP (e.g. 192.168.1.10:8080:80), or remove"
          + " lanAccess [warn.lan-access]");
    });
  }

  @Test
  void anImageWithoutAVersionTagIsNotPinned() throws Exception {
    List<Problem> warnings = warnings(HEAD
        + "  a: { image: lscr.io/linuxserver/sonarr:latest, network: n }\n"
        + "  b: { image: \"localhost:5000/app\", network: n }\n"
        + "  c: { image: \"localhost:5000/app:2.1\", network: n }\n"
        + "  d: { image: \"docker.io/library/redis@sha256:0123456789abcdef\", network: n }\n", HostAddresses.UNKNOWN);

    assertThat(warnings).extracting(Problem::rule).containsOnly(Advice.IMAGE_UNPINNED.id());
    assertThat(warnings).extracting(Problem::line, Problem::column).containsExactly(
        org.assertj.core.groups.Tuple.tuple(5, 15), org.assertj.core.groups.Tuple.tuple(6, 15));
    assertThat(warnings.get(0).message()).isEqualTo("image \"lscr.io/linuxserver/sonarr:latest\" has the tag latest:"
        + " which version runs depends on when this host pulled it, and podkeeper does not update it; pin a version"
        + " tag, e.g. lscr.io/linuxserver/sonarr:1.2.3, or let podkeeper follow it with update: { policy: registry }");
    assertThat(warnings.get(1).message()).startsWith("image \"localhost:5000/app\" has no tag (so latest)");
  }

  @Test
  void aHostIpThatIsNotThisHostsIsNamedWhenTheHostsAddressesAreKnown() throws Exception {
    String file = HEAD + "  a:\n    image: i:1\n    network: n\n    lanAccess: true\n"
        + "    ports: [\"192.168.1.10:80:80\", \"192.168.1.99:81:80\", \"0.0.0.0:82:80\", \"127.0.0.1:83:80\"]\n";
    HostAddresses host = HostAddresses.of(Set.of(address("192.168.1.10"), address("127.0.0.1")));

    assertThat(warnings(file, HostAddresses.UNKNOWN)).isEmpty();
    assertThat(warnings(file, host)).singleElement().satisfies(w -> {
      assertThat(w.rule()).isEqualTo("warn.host-ip");
      assertThat(List.of(w.line(), w.column())).containsExactly(9, 35);
      assertThat(w.message()).isEqualTo("host IP 192.168.1.99 is not an address of this host, so Podman cannot"
          + " publish on it and container \"a\" will not start; this host has 192.168.1.10");
    });
  }

  @Test
  void warningsHaveStableIdsOfTheirOwn() {
    assertThat(Arrays.stream(Advice.values()).map(Advice::id)).doesNotHaveDuplicates().allMatch(id -> id.startsWith("warn."));
  }

  private static List<Problem> warnings(String yaml, HostAddresses host) throws InvalidDesiredStateException {
    return DesiredStateParser.read(Parsing.FILE, yaml, host).warnings();
  }

  private static InetAddress address(String text) {
    return dev.podkeeper.model.validate.IpAddresses.parse(text).orElseThrow();
  }
}
