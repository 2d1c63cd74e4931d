package dev.rollback.functional;

import static dev.rollback.Rollback.declared;
import static dev.rollback.Rollback.discretion;
import static dev.rollback.Rollback.hours;
import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.procedure;
import static dev.rollback.Rollback.severity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.Check;
import dev.rollback.Checks;
import dev.rollback.Effect;
import dev.rollback.Rollback;
import dev.rollback.RollbackException;
import dev.rollback.RollbackPlan;
import dev.rollback.Signal;
import dev.rollback.Step;
import dev.rollback.Unit;
import dev.rollback.report.RollbackReport.StepStatus;
import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import dev.rollback.run.Journal;
import dev.rollback.run.Preview;
import dev.rollback.run.RollbackExecutor;
import dev.rollback.run.RunOptions;
import dev.rollback.run.event.RunEvent;
import dev.rollback.spi.Adapter;
import dev.rollback.spi.CheckEvaluator;
import dev.rollback.spi.CheckResult;
import dev.rollback.spi.Measurement;
import dev.rollback.spi.RunContext;
import dev.rollback.spi.SignalSource;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepPreview;
import dev.rollback.spi.StepResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An adapter whose tool is unreachable: the run stops before changing anything, unless the options explicitly allow
 * skipping that adapter, in which case its steps and checks are reported SKIPPED and its signals unknown, each with
 * the reason, and the rest of the plan runs.
 */
class UnavailableAdapterTest {

  @TempDir
  Path dir;

  /** An adapter for an engine that does not answer: its start fails as docker-java's ping would. */
  static final class DeadEngine implements Adapter {
    boolean touched;

    @Override
    public String name() {
      return "engine";
    }

    @Override
    public void onRunStart(RunContext run) throws IOException {
      throw new IOException("no engine answers at unix:///nowhere/engine.sock (from ENGINE_HOST)");
    }

    @Override
    public Map<String, StepHandler> steps() {
      return Map.of("engine.clean", new StepHandler() {
        @Override
        public StepPreview preview(dev.rollback.spi.StepContext ctx) {
          return StepPreview.of("clean the engine");
        }

        @Override
        public StepResult apply(dev.rollback.spi.StepContext ctx) {
          touched = true;
          return StepResult.of("cleaned");
        }
      });
    }

    @Override
    public Map<String, CheckEvaluator> checks() {
      return Map.of("engine.noLeftovers", ctx -> {
        touched = true;
        return CheckResult.passed("none");
      });
    }

    @Override
    public Map<String, SignalSource> signals() {
      return Map.of("engine.disk", ctx -> {
        touched = true;
        return Measurement.of(1.0, Unit.BYTES, "df");
      });
    }
  }

  private static final Signal DISK = Signal.of("engine.disk", Unit.BYTES, "engine disk", Map.of()).named("disk");
  private static final Step CLEAN = Step.of("engine.clean", "clean the engine", Effect.REVERSIBLE, Map.of());
  private static final Check LEFTOVERS = Check.of("engine.noLeftovers", "no leftovers", Map.of());

  private static RollbackPlan plan() {
    return Rollback.plan("skips")
        .severity(severity("critical").when(declared("x")).rollbackWithin(hours(1)).approval(discretion()))
        .assess(DISK)
        .procedure(procedure("p")
            .phase(phase("one").step(TestAdapter.apply("a1", Effect.REVERSIBLE), CLEAN)
                .validate(Checks.command("true"), LEFTOVERS)))
        .healthCheck(LEFTOVERS)
        .build();
  }

  @Test
  void anAdapterThatCannotStartStopsTheRunBeforeAnythingChangesInANormalRun() {
    Harness h = new Harness(dir);
    DeadEngine engine = new DeadEngine();
    RollbackReport report = h.builder().adapter(engine).build().run(plan(), RunOptions.defaults().withDeclared("x"));

    assertThat(report.status()).isEqualTo(RunStatus.STOPPED);
    assertThat(report.summary()).startsWith("adapter 'engine' could not start (IOException: no engine answers at"
        + " unix:///nowhere/engine.sock (from ENGINE_HOST))").endsWith("; nothing was changed");
    assertThat(h.ledger.lines()).isEmpty();
    assertThat(report.unavailable()).isEmpty();
  }

  @Test
  void whenAllowedTheUnavailableAdaptersPartsAreReportedSkippedWithTheReasonAndTheRestRuns() {
    Harness h = new Harness(dir);
    DeadEngine engine = new DeadEngine();
    RollbackReport report = h.builder().adapter(engine).build()
        .run(plan(), RunOptions.defaults().withDeclared("x").withSkipUnavailable("engine"));

    assertThat(report.status()).as(report.summary()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(engine.touched).isFalse();
    assertThat(h.ledger.lines()).containsExactly("apply a1");
    String reason = "IOException: no engine answers at unix:///nowhere/engine.sock (from ENGINE_HOST)";
    assertThat(report.unavailable()).containsExactly(Map.entry("engine", reason));
    String skipped = "skipped: adapter 'engine' is unavailable (" + reason + ")";
    assertThat(report.step("clean the engine").orElseThrow().status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(report.step("clean the engine").orElseThrow().summary()).isEqualTo(skipped);
    assertThat(report.step("a1").orElseThrow().status()).isEqualTo(StepStatus.APPLIED);
    assertThat(report.phases().get(0).validations()).extracting(c -> c.status())
        .containsExactly(CheckResult.Status.PASSED, CheckResult.Status.SKIPPED);
    assertThat(report.health().get(0).summary()).isEqualTo(skipped);
    assertThat(report.snapshot().get(0).summary()).isEqualTo(skipped);
    assertThat(report.summary()).isEqualTo("rolled back with procedure 'p'; verification passed; skipped, as asked,"
        + " because adapter 'engine' is unavailable: 1 step, 2 checks and 1 signal");
    assertThat(report.toMarkdown()).contains("## Skipped: unavailable adapters\n\n- `engine`: " + reason,
        "| clean the engine | REVERSIBLE | SKIPPED |", "- [ ] **SKIPPED** no leftovers — " + skipped);
    assertThat(h.events(RunEvent.AdapterUnavailable.class)).extracting(RunEvent.AdapterUnavailable::adapter)
        .containsExactly("engine");
    assertThat(h.events(RunEvent.StepSkipped.class)).hasSize(1);
  }

  @Test
  void whenAllowedAnAdapterThatIsNotRegisteredIsSkippedToo() {
    Harness h = new Harness(dir);
    RollbackExecutor executor = h.executor();

    assertThatThrownBy(() -> executor.run(plan(), RunOptions.defaults().withDeclared("x")))
        .isInstanceOf(RollbackException.class).hasMessageContaining("register the 'engine' adapter");

    RollbackReport report = executor.run(plan(), RunOptions.defaults().withDeclared("x")
        .withSkipUnavailable("engine"));
    assertThat(report.status()).as(report.summary()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(report.unavailable()).containsExactly(Map.entry("engine", "no adapter named 'engine' is registered"));
    assertThat(report.step("clean the engine").orElseThrow().status()).isEqualTo(StepStatus.SKIPPED);
  }

  @Test
  void aResumedRunKeepsTheAdapterUnavailableAndItsSkippedSteps() {
    Harness h = new Harness(dir);
    Journal journal = Journal.directory(dir.resolve("journal"));
    RollbackPlan plan = plan();
    RunOptions options = RunOptions.defaults().withDeclared("x").withSkipUnavailable("engine").withRunId("r1");
    RollbackReport first = h.builder().adapter(new DeadEngine()).journal(journal).build().run(plan, options);

    RollbackReport again = h.builder().adapter(new DeadEngine()).journal(journal).build().resume(plan, "r1");

    assertThat(again).isEqualTo(first);
    assertThat(journal.header("r1").orElseThrow().options().skipUnavailable()).containsExactly("engine");
  }

  @Test
  void aPreviewShowsTheSkippedStepsInsteadOfAProblem() {
    Harness h = new Harness(dir);
    Preview p = h.builder().adapter(new DeadEngine()).build()
        .preview(plan(), RunOptions.defaults().withDeclared("x").withSkipUnavailable("engine"));

    assertThat(p.problems()).isEmpty();
    assertThat(p.phases().get(0).steps().get(1).summary()).startsWith("skipped: adapter 'engine' is unavailable");

    Preview strict = h.builder().adapter(new DeadEngine()).build().preview(plan(),
        RunOptions.defaults().withDeclared("x"));
    assertThat(strict.problems()).anyMatch(x -> x.startsWith("adapter 'engine' could not start"));
  }
}
