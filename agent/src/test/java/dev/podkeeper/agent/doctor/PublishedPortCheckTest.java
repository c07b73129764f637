package dev.podkeeper.agent.doctor;

import static dev.podkeeper.agent.doctor.DoctorBench.tcpListenLine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.agent.testing.Stacks;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The seed's "port already in use": sonarr publishes 127.0.0.1:8989, which rootful Podman's conmon holds. */
class PublishedPortCheckTest {
  private final DoctorBench bench = new DoctorBench();

  @BeforeEach
  void converge() throws Exception {
    bench.harness.apply(Stacks.media());
  }

  @Test
  void aPortHeldByTheContainersConmonThatAnswersPasses() {
    bench.proc.file("net/tcp", tcpListenLine("127.0.0.1", 8989, 81234))
        .process(bench.conmon("sonarr"), "/usr/bin/conmon --api-version 1 -c id", 81234);
    bench.probes.answers("127.0.0.1:8989", Probes.Answer.answered(0));

    assertThat(sonarr()).extracting(Finding::verdict, Finding::evidence).containsExactly(Verdict.OK,
        "held by its conmon (pid " + bench.conmon("sonarr") + "); a connect is answered");
  }

  @Test
  void aPortTakenByAnotherProcessNamesItsPidAndCommand() {
    bench.harness.engine.kill("sonarr");
    bench.proc.file("net/tcp", tcpListenLine("127.0.0.1", 8989, 777))
        .process(4242, "python3 -m http.server 8989 --bind 127.0.0.1", 777);

    Finding f = sonarr();

    assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(f.evidence()).isEqualTo("127.0.0.1:8989/tcp is taken by pid 4242 (python3 -m http.server 8989 --bind "
        + "127.0.0.1), so sonarr cannot publish it");
    assertThat(f.fix()).contains("publish sonarr on another port");
  }

  @Test
  void aWildcardListenerOfAnotherProcessClashesWithTheLoopbackPort() {
    bench.proc.file("net/tcp", tcpListenLine("127.0.0.1", 8989, 81234) + tcpListenLine("0.0.0.0", 8989, 999))
        .process(bench.conmon("sonarr"), "conmon", 81234);

    assertThat(sonarr().evidence()).startsWith("0.0.0.0:8989/tcp is taken by a process doctor could not name "
        + "(socket inode 999;");
  }

  @Test
  void theContainersOwnSocketOnAnotherAddressFails() {
    bench.proc.file("net/tcp", tcpListenLine("127.0.0.1", 8989, 81234) + tcpListenLine("0.0.0.0", 8989, 81235))
        .process(bench.conmon("sonarr"), "conmon", 81234, 81235);

    assertThat(sonarr()).extracting(Finding::verdict, Finding::evidence).containsExactly(Verdict.FAIL,
        "sonarr also listens on 0.0.0.0:8989/tcp, not only on 127.0.0.1:8989/tcp");
  }

  @Test
  void aPublishedPortNothingAnswersBehindFails() {
    bench.proc.file("net/tcp", tcpListenLine("127.0.0.1", 8989, 81234))
        .process(bench.conmon("sonarr"), "conmon", 81234);

    assertThat(sonarr().evidence()).endsWith("but a connect gets connection refused: nothing answers on port 8989 of "
        + "sonarr");
  }

  @Test
  void nothingListensWhileTheContainerIsDown() {
    bench.harness.engine.exit("sonarr", 1);

    assertThat(sonarr()).extracting(Finding::verdict, Finding::evidence).containsExactly(Verdict.FAIL,
        "nothing listens on 127.0.0.1:8989/tcp: sonarr does not run");
  }

  private Finding sonarr() {
    List<Finding> findings = bench.judge(new PublishedPortCheck(), Stacks.media());
    assertThat(findings).extracting(Finding::subject).containsExactly("sonarr 127.0.0.1:8989/tcp");
    return findings.get(0);
  }
}
