package dev.rollback.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.Effect;
import dev.rollback.RollbackPlan;
import dev.rollback.run.Approvers;
import dev.rollback.run.Preview;
import dev.rollback.run.RollbackExecutor;
import dev.rollback.run.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A preview runs what only reads, describes the rest, and changes nothing. */
class PreviewTest {

  @TempDir
  Path dir;

  @Test
  void noPreviewOfAnyPlanInTheSuiteChangesAnything() throws Exception {
    for (RollbackPlan plan : TestPlans.all()) {
      Path ws = Files.createDirectories(dir.resolve(Integer.toHexString(plan.name().hashCode())));
      Harness h = new Harness(ws);
      MutationGuard guard = new MutationGuard(h.adapter);
      Ledger sent = new Ledger(ws.resolve("notifications"));
      RollbackExecutor executor = h.builder(guard, Approvers.automatic("alice", "test"))
          .notifier("file", new FileNotifier(sent))
          .secrets(name -> Optional.of("token-for-" + name)).build();
      RunOptions options = RunOptions.defaults().withSeverity(plan.severities().get(0).name());
      Preview preview = executor.preview(plan, options);
      if (plan.emergency().isPresent()) {
        executor.preview(plan, options.withEmergency());
      }

      assertThat(guard.violations).as("changes attempted by the preview of %s", plan.name()).isEmpty();
      assertThat(h.ledger.lines()).as("the ledger after the preview of %s", plan.name()).isEmpty();
      assertThat(sent.lines()).as("notifications sent by the preview of %s", plan.name()).isEmpty();
      assertThat(ws.resolve("made-by-step")).as("a file made by the preview of %s", plan.name()).doesNotExist();
      assertThat(executor.journal().runs()).as("journals written by the preview of %s", plan.name()).isEmpty();
      assertThat(preview.steps()).as("steps described by the preview of %s", plan.name()).isNotEmpty();
      assertThat(preview.toMarkdown()).contains("# Preview: " + plan.name());
    }
  }

  @Test
  void aPreviewAppliesReadOnlyStepsForRealAndResolvesWhatTheyBind() {
    Harness h = new Harness(dir);
    Preview p = h.executor().preview(TestPlans.commands(), RunOptions.defaults().withSeverity("high"));

    Preview.PlannedStep seen = p.step("sh -c 'test -f made-by-step && echo present'").get();
    assertThat(seen.effect()).isEqualTo(Effect.READ_ONLY);
    assertThat(seen.applied()).isTrue();
    assertThat(seen.summary()).contains("exited 1");
    assertThat(p.checklist().get(0).value()).hasValue(42L);
    Preview.PlannedStep touch = p.step("touch made-by-step").get();
    assertThat(touch.applied()).isFalse();
    assertThat(touch.summary()).isEqualTo("would run touch made-by-step");
    assertThat(touch.details()).containsEntry("undo", "rm made-by-step");
    assertThat(p.step("wait 5 minutes").get().summary()).isEqualTo("would wait 5 minutes");
    assertThat(h.clock.instant()).isEqualTo(Harness.T0);
  }

  @Test
  void aPreviewShowsReferencesResolvedWhereKnownAndUnresolvedOtherwise() {
    Harness h = new Harness(dir);
    Preview p = h.executor().preview(CrashDrill.plan(), RunOptions.defaults().withSeverity("high"));

    assertThat(p.step("s2").get().params()).containsEntry("after", "${first} (known at run time)");
    assertThat(p.step("s3").get().params()).containsEntry("ticket", "TICKET-7");
    assertThat(p.approvals()).containsExactly("severity 'high': Single maintainer, within 15 minutes");
    assertThat(p.step("s2").get().approval()).hasValue("covered by the run's approval");
    assertThat(p.problems()).containsExactly(
        "message 'done' goes through channel 'file', which has no notifier");
    assertThat(h.adapter.calls).containsExactly("onRunStart (preview)");
    assertThat(p.toJson()).contains("\"planName\" : \"crash drill\"");
  }

  @Test
  void aPreviewMarksTheStepsItRanForReal() {
    Harness h = new Harness(dir);
    RollbackPlan plan = TestPlans.threePhases(dev.rollback.FailurePolicy.HALT);
    Preview p = h.executor().preview(plan, RunOptions.defaults().withSeverity("high"));
    assertThat(p.step("r1").get().value()).hasValue("seen");
    assertThat(p.steps()).extracting(Preview.PlannedStep::applied).containsExactly(true, false, false, false, false,
        false, false);
    assertThat(p.phases().get(1).validations()).containsExactly("two holds");
    assertThat(p.step("a1").get().details()).isEqualTo(Map.of("resolved", true));
  }
}
