package dev.podkeeper.model.testing;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.podkeeper.model.observed.ObservedUnit;
import dev.podkeeper.model.port.UnitException;
import dev.podkeeper.model.port.UnitManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UnitManager} must do, written down as real systemd (252) behaves. Run against
 * {@link FakeUnitManager} ({@code FakeUnitManagerContractTest}) and against systemd in a container
 * ({@code SystemdUnitManagerIT} in src-test), so that agent tests on the fake mean something.
 *
 * <p>Subclasses give a fresh manager per test and three units: one that starts and stays active, one whose
 * start job fails (on systemd: a Type=oneshot whose ExecStart exits non-zero; a Type=simple service's start
 * job succeeds even if the process dies at once), and one that does not exist. The tests leave the
 * first stopped and disabled; they assume nothing about the failing unit's state.
 */
public abstract class UnitManagerContract {
  private static final Duration SIGNAL_WAIT = Duration.ofSeconds(10);

  /** The three units a contract run uses. */
  protected record TestUnits(String startsFine, String startFails, String missing) {
    public TestUnits {
      requireNonNull(startsFine, "startsFine is null");
      requireNonNull(startFails, "startFails is null");
      requireNonNull(missing, "missing is null");
    }
  }

  protected UnitManager manager;
  private TestUnits units;

  protected abstract UnitManager newManager();

  protected abstract TestUnits testUnits();

  @BeforeEach
  final void givenTheTestUnitsStoppedAndDisabled() {
    manager = newManager();
    units = testUnits();
    manager.stop(units.startsFine());
    manager.disable(units.startsFine());
  }

  @AfterEach
  final void leaveTheUnitStoppedAndDisabled() throws Exception {
    try {
      manager.stop(units.startsFine());
      manager.disable(units.startsFine());
    } finally {
      if (manager instanceof AutoCloseable closeable) {
        closeable.close();
      }
    }
  }

  @Test
  void observeReportsAnExistingStoppedDisabledUnit() {
    ObservedUnit unit = observe(units.startsFine());

    assertThat(unit).isEqualTo(new ObservedUnit(units.startsFine(), "loaded", "inactive", "dead", "disabled"));
    assertThat(unit.exists()).isTrue();
    assertThat(unit.active()).isFalse();
    assertThat(unit.enabled()).isFalse();
  }

  @Test
  void observeReportsAMissingUnitAsNotFoundInsteadOfFailing() {
    ObservedUnit unit = observe(units.missing());

    assertThat(unit).isEqualTo(new ObservedUnit(units.missing(), "not-found", "inactive", "dead", ""));
    assertThat(unit.exists()).isFalse();
  }

  @Test
  void observeAnswersEveryRequestedNameOnceInTheOrderAsked() {
    Map<String, ObservedUnit> observed =
        manager.observe(List.of(units.missing(), units.startsFine(), units.missing(), units.startFails()));

    assertThat(observed).containsOnlyKeys(units.missing(), units.startsFine(), units.startFails());
    assertThat(observed.keySet()).containsExactly(units.missing(), units.startsFine(), units.startFails());
    observed.forEach((name, unit) -> assertThat(unit.name()).isEqualTo(name));
  }

  @Test
  void observeOfNoUnitsIsEmpty() {
    assertThat(manager.observe(List.of())).isEmpty();
  }

  @Test
  void startMakesTheUnitActiveAndStartingAnActiveUnitChangesNothing() {
    manager.start(units.startsFine());
    assertThat(observe(units.startsFine()))
        .isEqualTo(new ObservedUnit(units.startsFine(), "loaded", "active", "running", "disabled"));

    manager.start(units.startsFine());
    assertThat(observe(units.startsFine()).activeState()).isEqualTo("active");
  }

  @Test
  void stopMakesTheUnitInactiveAndStoppingAnInactiveUnitChangesNothing() {
    manager.start(units.startsFine());

    manager.stop(units.startsFine());
    assertThat(observe(units.startsFine()))
        .isEqualTo(new ObservedUnit(units.startsFine(), "loaded", "inactive", "dead", "disabled"));

    manager.stop(units.startsFine());
    assertThat(observe(units.startsFine()).activeState()).isEqualTo("inactive");
  }

  @Test
  void restartStartsAnInactiveUnitAndKeepsAnActiveOneActive() {
    manager.restart(units.startsFine());
    assertThat(observe(units.startsFine()).activeState()).isEqualTo("active");

    manager.restart(units.startsFine());
    assertThat(observe(units.startsFine()).activeState()).isEqualTo("active");
  }

  @Test
  void aFailedStartThrowsNamingTheUnitAndTheOperationAndLeavesTheUnitFailed() {
    assertThatThrownBy(() -> manager.start(units.startFails()))
        .isInstanceOf(UnitException.class)
        .hasMessageContaining(units.startFails())
        .hasMessageContaining("start")
        .hasMessageContaining("failed");

    ObservedUnit unit = observe(units.startFails());
    assertThat(unit.activeState()).isEqualTo("failed");
    assertThat(unit.subState()).isEqualTo("failed");
    assertThat(unit.active()).isFalse();
  }

  @Test
  void aFailedRestartThrowsNamingTheUnitAndTheOperation() {
    assertThatThrownBy(() -> manager.restart(units.startFails()))
        .isInstanceOf(UnitException.class)
        .hasMessageContaining(units.startFails())
        .hasMessageContaining("restart");
  }

  /** systemd keeps a failed unit "failed" through a stop; only a new start (or reset-failed) clears it. */
  @Test
  void stoppingAFailedUnitSucceedsAndLeavesItFailed() {
    assertThatThrownBy(() -> manager.start(units.startFails())).isInstanceOf(UnitException.class);

    manager.stop(units.startFails());

    ObservedUnit unit = observe(units.startFails());
    assertThat(unit.activeState()).isEqualTo("failed");
    assertThat(unit.active()).isFalse();
  }

  @Test
  void aFailingUnitDoesNotAffectOthers() {
    assertThatThrownBy(() -> manager.start(units.startFails())).isInstanceOf(UnitException.class);

    manager.start(units.startsFine());

    assertThat(observe(units.startsFine()).active()).isTrue();
  }

  @Test
  void everyOperationOnAMissingUnitThrowsNamingIt() {
    List<Runnable> operations = List.of(
        () -> manager.start(units.missing()),
        () -> manager.stop(units.missing()),
        () -> manager.restart(units.missing()),
        () -> manager.enable(units.missing()),
        () -> manager.disable(units.missing()));

    for (Runnable operation : operations) {
      assertThatThrownBy(operation::run).isInstanceOf(UnitException.class).hasMessageContaining(units.missing());
    }
    assertThat(observe(units.missing()).exists()).isFalse();
  }

  @Test
  void enableAndDisableChangeTheUnitFileStateOnlyAndRepeatingThemChangesNothing() {
    manager.enable(units.startsFine());
    manager.enable(units.startsFine());
    assertThat(observe(units.startsFine()))
        .isEqualTo(new ObservedUnit(units.startsFine(), "loaded", "inactive", "dead", "enabled"));
    assertThat(observe(units.startsFine()).enabled()).isTrue();

    manager.disable(units.startsFine());
    manager.disable(units.startsFine());
    assertThat(observe(units.startsFine()))
        .isEqualTo(new ObservedUnit(units.startsFine(), "loaded", "inactive", "dead", "disabled"));
  }

  @Test
  void enablingDoesNotStopARunningUnit() {
    manager.start(units.startsFine());

    manager.enable(units.startsFine());

    assertThat(observe(units.startsFine()))
        .isEqualTo(new ObservedUnit(units.startsFine(), "loaded", "active", "running", "enabled"));
  }

  @Test
  void subscribersHearOfEveryUnitWhoseStateChangedUntilTheyClose() throws Exception {
    BlockingQueue<String> changed = new LinkedBlockingQueue<>();
    AutoCloseable subscription = manager.subscribeChanges(changed::add);

    manager.start(units.startsFine());
    assertThat(awaitChangeOf(changed, units.startsFine())).as("a change of %s", units.startsFine()).isTrue();

    subscription.close();
    changed.clear();
    manager.start(units.startsFine());
    manager.stop(units.startsFine());
    assertThat(changed).as("changes after close").isEmpty();
  }

  private ObservedUnit observe(String unit) {
    Map<String, ObservedUnit> observed = manager.observe(List.of(unit));
    assertThat(observed).containsOnlyKeys(unit);
    return observed.get(unit);
  }

  /** Waits for the event itself (no sleeping): signals arrive asynchronously on a real bus. */
  private static boolean awaitChangeOf(BlockingQueue<String> changed, String unit) throws InterruptedException {
    long deadline = System.nanoTime() + SIGNAL_WAIT.toNanos();
    for (long left = SIGNAL_WAIT.toNanos(); left > 0; left = deadline - System.nanoTime()) {
      if (unit.equals(changed.poll(left, TimeUnit.NANOSECONDS))) {
        return true;
      }
    }
    return false;
  }
}
