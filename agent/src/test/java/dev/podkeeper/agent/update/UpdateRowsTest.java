package dev.podkeeper.agent.update;

import static dev.podkeeper.agent.update.FollowedApp.IMAGE;
import static dev.podkeeper.agent.update.FollowedApp.V1;
import static dev.podkeeper.agent.update.FollowedApp.V2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.agent.plan.ImageUpdate;
import dev.podkeeper.agent.plan.UpdateGate;
import dev.podkeeper.agent.status.ObjectState;
import dev.podkeeper.agent.status.ObjectStatus;
import dev.podkeeper.model.desired.UpdatePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code image-update} rows of status: the finding, after the update gate still open on the container. */
class UpdateRowsTest {
  private static final UpdatePolicy POLICY = FollowedApp.stack("{ policy: registry, healthTimeout: 2m }", "")
      .containers().get("app").update();
  private static final Instant CHECKED = Instant.parse("2026-12-02T18:15:59.098Z");
  private static final UpdateFinding UPDATED = new UpdateFinding("app", IMAGE, POLICY, UpdateFinding.State.UP_TO_DATE,
      Optional.of(CHECKED), Optional.of(V2), Optional.of(V2), Optional.empty());

  @Test
  void anOpenGateIsSaidFirstWithBothDigests() {
    UpdateGate gate = UpdateGate.opening(new ImageUpdate("app", IMAGE, Optional.of(V1), V2, true,
        Duration.ofMinutes(2)), Instant.parse("2026-12-02T18:18:02.311Z"));

    List<ObjectStatus> rows = UpdateRows.of(List.of(UPDATED), Map.of("app", gate));

    assertThat(rows).singleElement().satisfies(row -> {
      assertThat(row.kind()).isEqualTo(UpdateRows.KIND);
      assertThat(row.desired()).isEqualTo("policy registry, mode apply, every 6h, rollback true");
      assertThat(row.actual()).isEqualTo("update gate open until 2026-12-02T18:20:02.311Z"
          + " (sha256:aaaaaaaaaaaa → sha256:bbbbbbbbbbbb); up to date (running sha256:bbbbbbbbbbbb),"
          + " checked 2026-12-02T18:15:59Z");
      assertThat(row.state()).isEqualTo(ObjectState.OK);
    });
  }

  @Test
  void withoutAGateTheRowIsTheFinding() {
    assertThat(UpdateRows.of(List.of(UPDATED), Map.of("other", UpdateGate.opening(new ImageUpdate("other", IMAGE,
        Optional.empty(), V2, true, Duration.ofMinutes(2)), CHECKED))))
        .extracting(ObjectStatus::actual)
        .containsExactly("up to date (running sha256:bbbbbbbbbbbb), checked 2026-12-02T18:15:59Z");
  }
}
