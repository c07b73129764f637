package dev.podkeeper.agent.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podkeeper.agent.reconcile.LogFormat;
import dev.podkeeper.agent.reconcile.Trigger;
import dev.podkeeper.agent.status.PassExchange;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code apply} answered by the running agent: the pass that answers is the first manual one started after the ask,
 * and with {@code --check-updates} that pass, and no pass already running, is told to ask the registries now.
 */
class ManualPassesTest {
  @TempDir Path directory;
  private final List<Trigger> requested = new CopyOnWriteArrayList<>();
  private final AtomicLong passesStarted = new AtomicLong(1);
  private final AtomicInteger checksAsked = new AtomicInteger();

  private ManualPasses manual() {
    DesiredStateStore store = new DesiredStateStore(directory.resolve("stack.yaml"), new ParsedFileLoader());
    return new ManualPasses(requested::add, passesStarted::get, store, checksAsked::incrementAndGet);
  }

  private CompletableFuture<PassExchange.Answer> ask(ManualPasses manual, boolean checkUpdates) {
    PassExchange.Ask ask = new PassExchange.Ask(LogFormat.TEXT, directory.resolve("stack.yaml"), checkUpdates);
    CompletableFuture<PassExchange.Answer> answer = CompletableFuture.supplyAsync(() -> {
      try {
        return manual.run(ask);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    await().until(() -> requested.contains(Trigger.MANUAL));
    return answer;
  }

  @Test
  void checkUpdatesIsToldToThePassThatAnswersNotToOneAlreadyRunning() throws Exception {
    ManualPasses manual = manual();
    PassRequest running = new PassRequest(1, Set.of(Trigger.MANUAL));

    CompletableFuture<PassExchange.Answer> answer = ask(manual, true);
    manual.finished(running, Optional.empty());
    assertThat(answer).as("a pass that started before the ask does not answer it").isNotDone();
    assertThat(checksAsked).hasValue(0);

    PassRequest next = new PassRequest(2, Set.of(Trigger.MANUAL, Trigger.EVENT));
    manual.started(next);
    assertThat(checksAsked).as("told as the answering pass starts, before it looks at updates").hasValue(1);
    manual.finished(next, Optional.empty());
    assertThat(answer.get(5, TimeUnit.SECONDS).verdict()).isEqualTo(PassExchange.Verdict.NOT_CONVERGED);

    manual.started(new PassRequest(3, Set.of(Trigger.MANUAL)));
    assertThat(checksAsked).as("once: the ask is answered").hasValue(1);
  }

  @Test
  void aPlainApplyAsksNoCheck() throws Exception {
    ManualPasses manual = manual();

    CompletableFuture<PassExchange.Answer> answer = ask(manual, false);
    PassRequest next = new PassRequest(2, Set.of(Trigger.MANUAL));
    manual.started(next);
    manual.finished(next, Optional.empty());

    assertThat(answer.get(5, TimeUnit.SECONDS)).isNotNull();
    assertThat(checksAsked).hasValue(0);
  }
}
