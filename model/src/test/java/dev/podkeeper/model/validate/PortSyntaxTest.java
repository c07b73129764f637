package dev.podkeeper.model.validate;

import static dev.podkeeper.model.validate.ValueSyntaxTest.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.model.desired.PortMapping;
import dev.podkeeper.model.desired.PortMapping.Protocol;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PortSyntaxTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      127.0.0.1:8080:80         | 127.0.0.1    | 8080  | 80    | TCP
      127.0.0.1:8080:80/tcp     | 127.0.0.1    | 8080  | 80    | TCP
      127.0.0.1:5353:53/udp     | 127.0.0.1    | 5353  | 53    | UDP
      127.0.0.1:5353:53/UDP     | 127.0.0.1    | 5353  | 53    | UDP
      0.0.0.0:1:65535           | 0.0.0.0      | 1     | 65535 | TCP
      [::1]:8080:80             | ::1          | 8080  | 80    | TCP
      [fe80::1]:443:8443/tcp    | fe80::1      | 443   | 8443  | TCP
      """)
  void portsWithTheirHostIp(String text, String ip, int hostPort, int containerPort, Protocol protocol)
      throws FormatException {
    assertThat(PortSyntax.parse(text)).isEqualTo(new PortMapping(ip, hostPort, containerPort, protocol));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      8989             | Write 127.0.0.1:8989:8989, or set lanAccess: true and give the IP
      8989:8989        | Write 127.0.0.1:8989:8989, or set lanAccess: true
      8080:80/udp      | Write 127.0.0.1:8080:80/udp, or set
      :8080:80         | Write 127.0.0.1:8080:80, or set
      """)
  void portsWithoutAHostIp(String text, String words) {
    assertFails(() -> PortSyntax.parse(text), Rule.PORTS_HOST_IP,
        "port \"" + text + "\" has no host IP; it would bind every interface. " + words);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      127.0.0.1:8989              | 'is not HOSTIP:HOSTPORT:CONTAINERPORT[/tcp|/udp]'
      127.0.0.1                   | is not HOSTIP:HOSTPORT:CONTAINERPORT
      http                        | is not HOSTIP:HOSTPORT:CONTAINERPORT
      ::1:8080:80                 | 'is not HOSTIP:HOSTPORT:CONTAINERPORT[/tcp|/udp]; write an IPv6 host IP in brackets, e.g. [::1]:8080:80'
      [::1]8080:80                | is not HOSTIP:HOSTPORT:CONTAINERPORT
      [::1]:8080                  | is not HOSTIP:HOSTPORT:CONTAINERPORT
      localhost:8080:80           | has host IP "localhost", which is not an IP address
      127.0.0.256:8080:80         | has host IP "127.0.0.256", which is not an IP address
      127.1:8080:80               | has host IP "127.1", which is not an IP address
      127.0.0.1:8080:80/sctp      | has protocol "sctp"; use tcp or udp
      127.0.0.1::80               | has no host port
      127.0.0.1:8080:             | has no container port
      127.0.0.1:0:80              | has host port 0, outside 1-65535
      127.0.0.1:8080:65536        | has container port 65536, outside 1-65535
      127.0.0.1:99999999999:80    | has host port 99999999999, outside 1-65535
      127.0.0.1:8000-8010:80      | is a port range; list each port on its own
      127.0.0.1:http:80           | has host port "http", which is not a number
      """)
  void portsThatAreNotTheForm(String text, String words) {
    assertFails(() -> PortSyntax.parse(text), Rule.PORTS_SYNTAX, "port \"" + text + "\" " + words);
  }
}
