package dev.podkeeper.agent.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.agent.testing.Stacks;
import org.junit.jupiter.api.Test;

/** The seed's "VPN not working": a member runs in its provider's network namespace, or is told to restart. */
class NamespaceMembersCheckTest {
  private final DoctorBench bench = new DoctorBench();

  @Test
  void aMemberInItsProvidersNamespacePasses() throws Exception {
    bench.harness.apply(Stacks.media());
    bench.mirrorNamespaces();

    assertThat(bench.judge(new NamespaceMembersCheck(), Stacks.media())).singleElement()
        .satisfies(f -> {
          assertThat(f.verdict()).isEqualTo(Verdict.OK);
          assertThat(f.evidence()).matches("shares net:\\[\\d+] with gluetun");
        });
  }

  @Test
  void aMemberLeftInTheNamespaceOfARestartedProviderFailsWithBothNamespaces() throws Exception {
    bench.harness.apply(Stacks.media());
    bench.harness.engine.restart("gluetun");
    bench.mirrorNamespaces();

    Finding f = bench.judge(new NamespaceMembersCheck(), Stacks.media()).get(0);

    assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(f.subject()).isEqualTo("qbittorrent");
    assertThat(f.evidence()).matches("qbittorrent \\(pid " + bench.pid("qbittorrent") + "\\) is in net:\\[\\d+], "
        + "gluetun \\(pid " + bench.pid("gluetun") + "\\) in net:\\[\\d+]: .* a dead one");
    assertThat(f.fix()).startsWith("restart qbittorrent: `podman restart qbittorrent`");
  }

  @Test
  void aNamespaceThatCannotBeReadIsAWarningNotAVerdict() throws Exception {
    bench.harness.apply(Stacks.media());

    Finding f = bench.judge(new NamespaceMembersCheck(), Stacks.media()).get(0);

    assertThat(f.verdict()).isEqualTo(Verdict.WARN);
    assertThat(f.evidence()).startsWith("cannot read /proc/" + bench.pid("qbittorrent") + "/ns/net");
  }
}
