package dev.podkeeper.agent.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.podkeeper.agent.testing.Stacks;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Directories, env files and units as declared, in the words {@code plan} uses; never an env file's values. */
class HostObjectsCheckTest {
  private final DoctorBench bench = new DoctorBench();

  @BeforeEach
  void converge() throws Exception {
    bench.harness.apply(Stacks.media());
  }

  @Test
  void aConvergedHostPassesEveryObject() {
    assertThat(bench.judge(new HostObjectsCheck(), Stacks.media()))
        .extracting(Finding::check, Finding::subject, Finding::verdict, Finding::evidence)
        .containsExactlyInAnyOrder(
            tuple("directory", "/srv/media", Verdict.OK, "present, 0:0 0750"),
            tuple("directory", "/srv/media/config", Verdict.OK, "present, 1000:1000 0755"),
            tuple("env-file", "vpn", Verdict.OK, "/srv/media/vpn.env as declared (mode 0600)"),
            tuple("unit", "jellyfin.service", Verdict.OK, "as declared (active, enabled)"));
  }

  @Test
  void driftIsReportedAsThePlanWouldActOnItWithoutAnyValue() {
    bench.harness.files.withFile(Stacks.ENV_FILE, "VPN_PROVIDER=mullvad\nVPN_PASSWORD=" + Stacks.SECRET + "x\n");
    bench.harness.files.remove(Path.of("/srv/media/config"));
    bench.harness.units.stop("jellyfin.service");

    List<Finding> failed = bench.judge(new HostObjectsCheck(), Stacks.media()).stream()
        .filter(f -> f.verdict() == Verdict.FAIL).toList();

    assertThat(failed).extracting(Finding::check, Finding::subject).contains(tuple("env-file", "vpn"),
        tuple("directory", "/srv/media/config"), tuple("unit", "jellyfin.service"));
    assertThat(failed).filteredOn(f -> f.check().equals("env-file")).singleElement().extracting(Finding::evidence)
        .isEqualTo("content differs");
    assertThat(failed.toString()).doesNotContain(Stacks.SECRET).doesNotContain("mullvad");
  }
}
