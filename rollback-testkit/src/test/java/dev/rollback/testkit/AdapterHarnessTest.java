package dev.rollback.testkit;

import static dev.rollback.Rollback.ref;
import static dev.rollback.Rollback.secret;
import static dev.rollback.Rollback.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.Check;
import dev.rollback.Effect;
import dev.rollback.RollbackException;
import dev.rollback.Signal;
import dev.rollback.Step;
import dev.rollback.Unit;
import dev.rollback.run.ManualClock;
import dev.rollback.spi.Adapter;
import dev.rollback.spi.CheckEvaluator;
import dev.rollback.spi.CheckResult;
import dev.rollback.spi.Measurement;
import dev.rollback.spi.Probe;
import dev.rollback.spi.RunContext;
import dev.rollback.spi.SignalSource;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepPreview;
import dev.rollback.spi.StepResult;
import dev.rollback.spi.Unresolved;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdapterHarnessTest {

  private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

  /** A tiny adapter over an in-memory ledger: it appends lines, finds them, counts them, and waits. */
  static final class Ledger implements Adapter {
    final List<String> lines = new ArrayList<>();
    final List<String> calls = new ArrayList<>();

    @Override
    public String name() {
      return "ledger";
    }

    @Override
    public void onRunStart(RunContext run) {
      if (run.recall("ledger.size").isEmpty()) {
        run.remember("ledger.size", String.valueOf(lines.size()));
      }
    }

    @Override
    public void beforeFirstMutation(RunContext run) {
      calls.add("backup");
      run.remember("ledger.backup", String.join("|", lines));
    }

    @Override
    public Map<String, StepHandler> steps() {
      return Map.of("ledger.append", new StepHandler() {
        @Override
        public StepPreview preview(StepContext step) {
          calls.add("preview");
          Object line = step.params().get("line");
          return StepPreview.of("would append " + line).withDetail("resolved", step.isResolved("line"));
        }

        @Override
        public StepResult apply(StepContext step) throws InterruptedException {
          calls.add("apply " + step.attempt());
          step.run().sleeper().sleep(Duration.ofMinutes(1));
          step.param("token").ifPresent(t -> calls.add("token seen"));
          lines.add(step.string("line"));
          return StepResult.of("appended").withValue(lines.size()).withOutput("line", step.string("line"));
        }

        @Override
        public Probe isApplied(StepContext step) {
          return lines.contains(step.string("line"))
              ? Probe.applied(StepResult.of("there").withValue(lines.indexOf(step.string("line")) + 1))
              : Probe.notApplied();
        }

        @Override
        public boolean canCompensate(StepContext step) {
          return true;
        }

        @Override
        public StepResult compensate(StepContext step, StepResult applied) {
          lines.remove(step.string("line"));
          return StepResult.of("removed");
        }
      });
    }

    @Override
    public Map<String, CheckEvaluator> checks() {
      return Map.of("ledger.find", c -> lines.stream().filter(l -> l.contains(c.string("text"))).findFirst()
          .map(l -> CheckResult.passed("found").withValue(l)).orElse(CheckResult.failed("not found")));
    }

    @Override
    public Map<String, SignalSource> signals() {
      return Map.of("ledger.count", s -> Measurement.of(lines.size(), Unit.COUNT, lines.size() + " lines"));
    }
  }

  static Step append(Object line) {
    return Step.of("ledger.append", "append", Effect.REVERSIBLE, Map.of("line", line));
  }

  private final Ledger ledger = new Ledger();
  private final ManualClock clock = ManualClock.at(START);

  private AdapterHarness run() {
    return AdapterHarness.builder(ledger).runId("run-1").clock(clock).build();
  }

  @Test
  void aPreviewCallsOnlyThePreviewAndChangesNothing() throws Exception {
    AdapterHarness run = run();
    AdapterHarness preview = run.asPreview();
    StepPreview p = preview.preview(append(ref("culprit")));

    assertThat(p.summary()).isEqualTo("would append ${culprit} (known at run time)");
    assertThat(p.details()).containsEntry("resolved", false);
    assertThat(ledger.calls).containsExactly("preview");
    assertThat(ledger.lines).isEmpty();
    assertThat(preview.dryRun()).isTrue();
    assertThatThrownBy(() -> preview.apply(append("x"))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("a preview never applies it");
    assertThat(ledger.lines).isEmpty();
    assertThat(ledger.calls).containsExactly("preview");
  }

  @Test
  void stepAndCheckOutputsAreBoundAsTheExecutorBindsThemAndResolveLaterReferences() throws Exception {
    AdapterHarness run = run();
    assertThat(run.outputs()).containsEntry("run.id", "run-1").containsEntry("run.date", "20260302")
        .containsEntry("run.startedAt", START.toString()).containsKeys("plan.name", "plan.hash");

    run.apply(append(template("rollback of {{run.id}}")).as("first"));
    assertThat(run.outputs()).containsEntry("first", 1L).containsEntry("first.line", "rollback of run-1");

    CheckResult found = run.evaluate(Check.of("ledger.find", "find", Map.of("text", "rollback")).as("culprit"));
    assertThat(found.passed()).isTrue();
    assertThat(run.outputs()).containsEntry("culprit", "rollback of run-1");

    run.apply(append(ref("culprit")).as("second"));
    assertThat(ledger.lines).containsExactly("rollback of run-1", "rollback of run-1");
    assertThat(run.outputs()).containsEntry("second", 2L);
    assertThat(run.measure(Signal.of("ledger.count", Unit.COUNT, "lines", Map.of())).value().getAsDouble())
        .isEqualTo(2);
  }

  @Test
  void aReferenceToAnOutputNotBoundIsAnErrorInARunAndUnresolvedInAPreview() {
    AdapterHarness run = run();
    assertThatThrownBy(() -> run.apply(append(ref("nothing")))).isInstanceOf(RollbackException.class)
        .hasMessageContaining("step 'append' parameter 'line' refers to output 'nothing'");
    assertThat(ledger.calls).isEmpty();

    StepContext ctx = run.asPreview().context(append(ref("nothing")));
    assertThat(ctx.isResolved("line")).isFalse();
    assertThat(ctx.params().get("line")).isEqualTo(new Unresolved("nothing"));
  }

  @Test
  void secretsResolveToTheirValuesAndAreRegisteredWithWhatTheAdapterRegisters() throws Exception {
    AdapterHarness run = AdapterHarness.builder(ledger).clock(clock).secret("TOKEN", "s3cr3t").build();
    Step step = Step.of("ledger.append", "append", Effect.REVERSIBLE, Map.of("line", "x", "token", secret("TOKEN")));
    assertThat(run.context(step).params()).containsEntry("token", "s3cr3t");
    run.registerSecret("adapter-own");
    assertThat(run.registeredSecrets()).containsExactly("s3cr3t", "adapter-own");
    assertThat(run.toString()).doesNotContain("s3cr3t");

    Step missing = Step.of("ledger.append", "append", Effect.REVERSIBLE, Map.of("line", "x", "token", secret("NONE")));
    assertThatThrownBy(() -> run.apply(missing)).hasMessageContaining("needs secret 'NONE', which is not set");
    assertThat(run.asPreview().context(missing).isResolved("token")).isFalse();
  }

  @Test
  void theFirstChangeIsPrecededByBeforeFirstMutationOnceAndWaitsMoveTheInjectedClock() throws Exception {
    AdapterHarness run = run();
    run.apply(append("a"));
    run.apply(append("b"), 2);
    assertThat(ledger.calls).containsExactly("backup", "apply 1", "apply 2");
    assertThat(clock.instant()).as("the sleeper is the manual clock: no real wait").isEqualTo(START.plus(
        Duration.ofMinutes(2)));
    assertThat(run.remembered()).containsEntry("ledger.backup", "");
    assertThat(run.startedAt()).isEqualTo(START);
  }

  @Test
  void aResumedRunKeepsWhatWasRememberedAndBoundAndProbesTheWorld() throws Exception {
    AdapterHarness run = run();
    run.onRunStart();
    StepResult applied = run.apply(append("a").as("first"));
    ledger.lines.add(0, "z");

    AdapterHarness resumed = run.resumed();
    resumed.onRunStart();
    assertThat(resumed.remembered()).containsEntry("ledger.size", "0");
    assertThat(resumed.outputs()).containsEntry("first", 1L);
    assertThat(resumed.runId()).isEqualTo("run-1");
    Probe probe = resumed.isApplied(append("a"));
    assertThat(probe.state()).isEqualTo(Probe.State.APPLIED);
    assertThat(resumed.isApplied(append("b")).state()).isEqualTo(Probe.State.NOT_APPLIED);

    assertThat(resumed.canCompensate(append("a"))).isTrue();
    resumed.compensate(append("a"), applied);
    assertThat(ledger.lines).containsExactly("z");
  }

  @Test
  void contextsNeedNoAdapterButCallsDo() {
    AdapterHarness bare = AdapterHarness.builder().clock(clock).deadline(START.plusSeconds(60)).build();
    StepContext ctx = bare.context(append("a").timeout(Duration.ofSeconds(30)), 3);
    assertThat(ctx.attempt()).isEqualTo(3);
    assertThat(ctx.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(bare.context(append("a")).timeout()).isEqualTo(bare.plan().defaultTimeout());
    assertThat(ctx.run().deadline()).contains(START.plusSeconds(60));
    assertThat(bare.runId()).startsWith("harness-");
    assertThatThrownBy(() -> bare.apply(append("a"))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("drives no adapter");
    assertThatThrownBy(() -> run().apply(Step.of("ledger.nope", "nope", Effect.READ_ONLY, Map.of())))
        .hasMessageContaining("adapter 'ledger' has no handler for step kind 'ledger.nope'");
  }
}
