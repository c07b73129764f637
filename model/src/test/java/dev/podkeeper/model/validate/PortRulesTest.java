package dev.podkeeper.model.validate;

import static dev.podkeeper.model.parse.Parsing.assertProblem;
import static dev.podkeeper.model.parse.Parsing.onlyProblem;
import static dev.podkeeper.model.parse.Parsing.problems;
import static dev.podkeeper.model.parse.Parsing.valid;
import static dev.podkeeper.model.validate.StackFiles.stack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.model.parse.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule 1 (host IP, loopback unless lanAccess) and rule 5 (no host address, port and protocol twice). */
class PortRulesTest {

  @Test
  void loopbackPortsAreValid() {
    valid(stack().container("a", "n", "ports: [\"127.0.0.1:80:80\", \"127.0.0.2:80:80\", \"[::1]:80:80\", 127.9.9.9:81:81]")
        .yaml());
  }

  @Test
  void aPortWrittenAsANumberHasNoHostIp() {
    onlyProblem(stack().container("a", "n", "ports: [8989]").yaml(), "ports.host-ip", 8, 13,
        "port \"8989\" has no host IP; it would bind every interface. Write 127.0.0.1:8989:8989");
  }

  @Test
  void lanAddressesNeedLanAccess() {
    List<Problem> problems = problems(stack()
        .container("a", "n", "ports: [\"192.168.1.13:443:443\", \"[fd00::1]:53:53/udp\", \"[::]:80:80\"]").yaml());
    assertThat(problems).hasSize(3);
    assertProblem(problems.get(0), "ports.lan", 8, 13, "port \"192.168.1.13:443:443\" is not on a loopback address; "
        + "use 127.0.0.1, or set lanAccess: true on container \"a\"");
    assertProblem(problems.get(1), "ports.lan", 8, 37, "port \"[fd00::1]:53:53/udp\" is not on a loopback address");
    assertProblem(problems.get(2), "ports.lan", 8, 60, "port \"[::]:80:80\"");
  }

  @Test
  void lanAccessAllowsAnyAddress() {
    valid(stack().container("a", "n", "ports: [\"192.168.1.13:443:443\", \"0.0.0.0:80:80\"]", "lanAccess: true").yaml());
  }

  @Test
  void theWildcardClashesWithEveryAddressOnItsPort() {
    List<Problem> problems = problems(stack()
        .container("a", "n", "ports: [\"127.0.0.1:80:80\", \"127.0.0.1:53:53/udp\"]")
        .container("b", "n", "ports: [\"0.0.0.0:80:8080\", \"0.0.0.0:53:53/tcp\"]", "lanAccess: true")
        .container("c", "n", "ports: [\"[::]:53:53/udp\"]", "lanAccess: true")
        .yaml());
    assertThat(problems).hasSize(2);
    assertProblem(problems.get(0), "ports.duplicate", 12, 13, "0.0.0.0:80/tcp is already published by container \"a\" "
        + "on 127.0.0.1:80/tcp (stack.yaml:8:13)");
    assertProblem(problems.get(1), "ports.duplicate", 17, 13, "[::]:53/udp is already published by container \"a\" "
        + "on 127.0.0.1:53/udp (stack.yaml:8:32)");
  }

  @Test
  void sameAddressWrittenDifferentlyStillClashes() {
    onlyProblem(stack()
        .container("a", "n", "ports: [\"[::1]:80:80\"]")
        .container("b", "n", "ports: [\"[0:0:0:0:0:0:0:1]:80:80\"]").yaml(), "ports.duplicate", 12, 13,
        "[0:0:0:0:0:0:0:1]:80/tcp is already published by container \"a\" on [::1]:80/tcp");
  }

  @Test
  void oneContainerCannotPublishOnePortTwice() {
    onlyProblem(stack().container("a", "n", "ports: [\"127.0.0.1:80:80\", \"127.0.0.1:80:81\"]").yaml(),
        "ports.duplicate", 8, 32, "127.0.0.1:80/tcp is already published by container \"a\" (stack.yaml:8:13)");
  }

  @Test
  void otherAddressesPortsAndProtocolsDoNotClash() {
    valid(stack()
        .container("a", "n", "ports: [\"127.0.0.1:80:80\", \"127.0.0.1:53:53/udp\"]")
        .container("b", "n", "ports: [\"127.0.0.2:80:80\", \"127.0.0.1:81:80\", \"127.0.0.1:53:53/tcp\"]").yaml());
  }
}
