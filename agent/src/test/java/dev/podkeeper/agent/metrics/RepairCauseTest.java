package dev.podkeeper.agent.metrics;

import static dev.podkeeper.agent.metrics.AgentMetricsTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.agent.plan.ActionKind;
import dev.podkeeper.agent.reconcile.Trigger;
import org.junit.jupiter.api.Test;

class RepairCauseTest {

  @Test
  void whatOnlyTheWorldCanCauseIsARepairWhateverAskedForThePass() {
    assertThat(RepairCause.of(ok(ActionKind.START_CONTAINER, "web", "exited 137 (killed)"), Trigger.STARTUP))
        .contains("exited");
    assertThat(RepairCause.of(ok(ActionKind.START_CONTAINER, "web", "OOM-killed"), Trigger.EVENT))
        .contains("oom-killed");
    assertThat(RepairCause.of(ok(ActionKind.START_CONTAINER, "web", "created but never started"), Trigger.FILE))
        .contains("never-started");
    assertThat(RepairCause.of(ok(ActionKind.RESTART_CONTAINER, "torrent",
        "provider vpn restarted 17:01:02, after it (started 17:00:00)"), Trigger.EVENT)).contains("dead-namespace");
    assertThat(RepairCause.of(ok(ActionKind.RECREATE_CONTAINER, "web", "dead"), Trigger.RESYNC)).contains("dead");
    assertThat(RepairCause.of(ok(ActionKind.UNIT_START, "caddy.service", "failed (failed)"), Trigger.RESYNC))
        .contains("unit-stopped");
  }

  @Test
  void aMissingOrDriftedObjectIsARepairOnlyWhenNoEditAskedForIt() {
    assertThat(RepairCause.of(ok(ActionKind.CREATE_CONTAINER, "web", "missing"), Trigger.EVENT)).contains("missing");
    assertThat(RepairCause.of(ok(ActionKind.CREATE_NETWORK, "media", "missing"), Trigger.RESYNC)).contains("missing");
    assertThat(RepairCause.of(ok(ActionKind.WRITE_ENV_FILE, "vpn", "content differs"), Trigger.RESYNC))
        .contains("drifted");
    assertThat(RepairCause.of(ok(ActionKind.CREATE_CONTAINER, "web", "missing"), Trigger.FILE)).isEmpty();
    assertThat(RepairCause.of(ok(ActionKind.CREATE_CONTAINER, "web", "missing"), Trigger.STARTUP)).isEmpty();
    assertThat(RepairCause.of(ok(ActionKind.ENSURE_DIRECTORY, "/srv", "mode 0700, want 0755"), Trigger.MANUAL))
        .isEmpty();
  }

  @Test
  void applyingAChangedSpecIsNoRepair() {
    assertThat(RepairCause.of(ok(ActionKind.RECREATE_CONTAINER, "web", "spec changed: image"), Trigger.EVENT))
        .isEmpty();
    assertThat(RepairCause.of(ok(ActionKind.REMOVE_CONTAINER, "old", "orphaned"), Trigger.RESYNC)).isEmpty();
  }
}
