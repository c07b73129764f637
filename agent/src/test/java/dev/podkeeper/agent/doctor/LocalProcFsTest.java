package dev.podkeeper.agent.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.model.desired.PortMapping.Protocol;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The host's own {@code /proc}: a socket this test listens on is found, and this JVM is named as its holder. */
class LocalProcFsTest {
  private final ProcFs proc = new LocalProcFs();
  private final long self = ProcessHandle.current().pid();

  /** The JVM's sockets are IPv6 ones: 127.0.0.1 is in tcp6 as {@code ::ffff:127.0.0.1}, read as 127.0.0.1. */
  @Test
  void aListeningSocketOfThisProcessIsFoundWithItsHolder() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Listener> mine = java.util.stream.Stream.of("net/tcp", "net/tcp6")
          .flatMap(table -> SocketTable.listeners(Protocol.TCP, proc.read(table).orElse("")).stream())
          .filter(l -> l.port() == server.getLocalPort()).toList();

      assertThat(mine).singleElement().extracting(Listener::address).isEqualTo("127.0.0.1");
      var owners = new SocketOwners(proc, Clock.systemUTC()).owners(Set.of(mine.get(0).inode()), List.of(self));
      assertThat(owners.get(mine.get(0).inode()).pid()).isEqualTo(self);
      assertThat(owners.get(mine.get(0).inode()).command()).contains("java");
    }
  }

  @Test
  void linksAndListingsOfAProcessAndNothingForOneThatIsGone() {
    assertThat(proc.link(self + "/ns/net")).hasValueSatisfying(ns -> assertThat(ns).matches("net:\\[\\d+]"));
    assertThat(proc.list(self + "/fd")).isNotEmpty();
    assertThat(proc.list("")).contains(String.valueOf(self));
    assertThat(proc.read("0/cmdline")).isEmpty();
    assertThat(proc.link("0/ns/net")).isEmpty();
  }
}
