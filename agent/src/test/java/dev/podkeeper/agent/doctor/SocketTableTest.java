package dev.podkeeper.agent.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.model.desired.PortMapping.Protocol;
import org.junit.jupiter.api.Test;

/** The kernel's socket tables, from lines as this project's hosts print them. */
class SocketTableTest {
  /** 127.0.0.1:8989 and 0.0.0.0:22 listening, and an established connection (state 01) that is no listener. */
  static final String TCP = """
        sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
         0: 0100007F:231D 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 81234 1 0000000000000000 100 0 0 10 0
         1: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1999 1 0000000000000000 100 0 0 10 0
         2: 0100007F:231D 0100007F:D2F0 01 00000000:00000000 00:00000000 00000000  1000        0 81300 1 0000000000000000 20 4 30 10 -1
      """;
  /** :: port 8080 and ::1 port 9696 listening. */
  static final String TCP6 = """
        sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
         0: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5551 1 0000000000000000 100 0 0 10 0
         1: 00000000000000000000000001000000:25E0 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5552 1 0000000000000000 100 0 0 10 0
      """;
  /** A bound UDP socket on 127.0.0.1:5353 (state 07). */
  static final String UDP = """
         sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
        7: 0100007F:14E9 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 7001 2 0000000000000000 0
      """;

  @Test
  void listeningTcpSocketsWithTheirAddressesPortsAndInodes() {
    assertThat(SocketTable.listeners(Protocol.TCP, TCP)).containsExactly(
        new Listener(Protocol.TCP, "127.0.0.1", 8989, 81234), new Listener(Protocol.TCP, "0.0.0.0", 22, 1999));
  }

  @Test
  void ipv6AddressesAreWordsInHostOrder() {
    assertThat(SocketTable.listeners(Protocol.TCP, TCP6)).containsExactly(
        new Listener(Protocol.TCP, "::", 8080, 5551), new Listener(Protocol.TCP, "::1", 9696, 5552));
    assertThat(new Listener(Protocol.TCP, "::", 8080, 5551).wildcard()).isTrue();
  }

  @Test
  void anIpv4MappedAddressInTcp6IsTheIpv4AddressAJvmOrDualStackServerBound() {
    String mapped = "   0: 0000000000000000FFFF00000100007F:231D 00000000000000000000000000000000:0000 0A 00000000:00000000"
        + " 00:00000000 00000000     0        0 6001 1 0000000000000000 100 0 0 10 0\n";

    assertThat(SocketTable.listeners(Protocol.TCP, mapped)).containsExactly(
        new Listener(Protocol.TCP, "127.0.0.1", 8989, 6001));
  }

  @Test
  void aBoundUdpSocketCountsAsListening() {
    assertThat(SocketTable.listeners(Protocol.UDP, UDP)).containsExactly(
        new Listener(Protocol.UDP, "127.0.0.1", 5353, 7001));
    assertThat(SocketTable.listeners(Protocol.TCP, UDP)).as("state 07 is no TCP listener").isEmpty();
  }
}
