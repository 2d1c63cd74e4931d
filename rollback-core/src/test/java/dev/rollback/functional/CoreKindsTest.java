package dev.rollback.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.Checks;
import dev.rollback.Command;
import dev.rollback.Effect;
import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.Steps;
import dev.rollback.report.RollbackReport.CompensationStatus;
import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import dev.rollback.run.Approvers;
import dev.rollback.run.Journal;
import dev.rollback.run.RollbackExecutor;
import dev.rollback.run.RunOptions;
import dev.rollback.spi.ConfirmationRequest;
import dev.rollback.spi.Vote;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in kinds: commands (with undo), confirmations, waits, and command checks, run for real. */
class CoreKindsTest {

  @TempDir
  Path dir;

  @Test
  void commandsRunInTheWorkspaceAndTheirUndoRunsOnCompensation() {
    Harness h = new Harness(dir);
    List<ConfirmationRequest> confirmations = new ArrayList<>();
    RollbackExecutor executor = h.builder(h.adapter, Approvers.callback(
        r -> List.of(new Vote("alice", Set.of("maintainer"), true, r.requestedAt(), "test", Optional.empty())),
        c -> {
          confirmations.add(c);
          return Optional.of(new Vote("bob", Set.of(), true, c.requestedAt(), "chat", Optional.empty()));
        })).build();

    RollbackReport report = executor.run(TestPlans.commands(), RunOptions.defaults().withSeverity("high"));

    assertThat(report.status()).isEqualTo(RunStatus.COMPENSATED);
    assertThat(dir.resolve("made-by-step")).doesNotExist();
    assertThat(report.checklist().get(0).value()).hasValue(42L);
    assertThat(report.outputs()).containsEntry("total", 42L).containsEntry("seen", "present");
    assertThat(report.step("fails").get().error()).hasValue("command `sh -c 'echo no space left >&2; exit 3'`"
        + " exited 3: no space left");
    assertThat(report.compensation().stream().map(c -> c.step() + " " + c.status()).collect(Collectors.toList()))
        .containsExactly("Announce the rollback in #ci UNDONE", "touch made-by-step UNDONE");
    assertThat(report.compensation().get(1).summary()).isEqualTo("undo `rm made-by-step` exited 0");
    assertThat(confirmations.stream().map(c -> c.kind() + " " + c.text()).collect(Collectors.toList()))
        .containsExactly("STEP Announce the rollback in #ci", "UNDO Undo: Announce the rollback in #ci");
    assertThat(report.step("Announce the rollback in #ci").get().evidence()).containsEntry("confirmedBy", "bob");
    assertThat(h.clock.instant()).isEqualTo(Harness.T0.plus(Duration.ofMinutes(5)));
    assertThat(report.step("wait 5 minutes").get().summary()).isEqualTo("waited 5 minutes");
  }

  @Test
  void aCommandRunsInItsDirectoryWithItsEnvironmentAndAProgramRelativeToIt() throws Exception {
    Files.createDirectories(dir.resolve("scripts"));
    Path script = dir.resolve("scripts/where.sh");
    Files.writeString(script, "#!/bin/sh\necho \"$(pwd) $GREETING\"\n");
    script.toFile().setExecutable(true);
    RollbackPlan plan = Rollback.plan("script")
        .severity(Rollback.severity("high").when(Rollback.declared("x")).rollbackWithin(Rollback.hours(1))
            .approval(Rollback.discretion()))
        .procedure(Rollback.procedure("p").phase(Rollback.phase("one")
            .step(Steps.run(Command.of("./where.sh").in("scripts").env("GREETING", Rollback.template("hi {{run.id}}")))
                .effect(Effect.READ_ONLY).as("where"))
            .validate(Checks.command("true"))))
        .build();
    RollbackReport report = new Harness(dir).executor().run(plan, RunOptions.defaults().withSeverity("high")
        .withRunId("r1"));

    assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(report.outputs().get("where")).isEqualTo(dir.toRealPath().resolve("scripts") + " hi r1");
  }

  @Test
  void aManualChecklistItemIsConfirmedByAPersonAndUnknownWithoutAnswer() {
    RollbackPlan plan = Rollback.plan("manual")
        .severity(Rollback.severity("high").when(Rollback.declared("x")).rollbackWithin(Rollback.hours(1))
            .approval(Rollback.discretion()))
        .checklist(Checks.confirm("Backup current configuration files"))
        .procedure(Rollback.procedure("p").phase(Rollback.phase("one")
            .step(Steps.command("true").effect(Effect.REVERSIBLE)).validate(Checks.command("true"))))
        .build();
    Harness h = new Harness(dir);
    RollbackReport confirmed = h.executor().run(plan, RunOptions.defaults().withSeverity("high"));
    assertThat(confirmed.checklist().get(0).summary()).isEqualTo("confirmed by alice");
    assertThat(confirmed.status()).isEqualTo(RunStatus.SUCCEEDED);

    RollbackReport unanswered = RollbackExecutor.builder().workspace(dir).journal(Journal.inMemory())
        .approver(Approvers.callback(r -> List.of())).build().run(plan, RunOptions.defaults().withSeverity("high"));
    assertThat(unanswered.status()).isEqualTo(RunStatus.NOT_READY);
    assertThat(unanswered.summary()).isEqualTo("the readiness checklist did not pass: 'Backup current configuration"
        + " files' unknown: nobody confirmed 'Backup current configuration files' in time; nothing was changed");
  }

  @Test
  void aRunStoppedAfterPreparationChangesNothing() {
    Harness h = new Harness(dir);
    RollbackReport report = h.executor().run(TestPlans.commands(), RunOptions.defaults().withSeverity("high")
        .withStopAfterPreparation());
    assertThat(report.status()).isEqualTo(RunStatus.PREPARED);
    assertThat(report.checklist()).hasSize(1);
    assertThat(report.steps()).allMatch(s -> s.status() == RollbackReport.StepStatus.NOT_RUN);
    assertThat(dir.resolve("made-by-step")).doesNotExist();
  }

  @Test
  void aFailedUndoStopsCompensationAndListsWhatRemains() {
    RollbackPlan plan = Rollback.plan("bad undo")
        .severity(Rollback.severity("high").when(Rollback.declared("x")).rollbackWithin(Rollback.hours(1))
            .approval(Rollback.discretion()))
        .procedure(Rollback.procedure("p").phase(Rollback.phase("one")
            .step(Steps.run(Command.of("true"), Command.of("true")).named("first"),
                Steps.run(Command.of("true"), Command.of("false")).named("second"),
                Steps.run(Command.of("false"), Command.of("true")).named("third"))
            .validate(Checks.command("true")).onFailure(dev.rollback.FailurePolicy.COMPENSATE)))
        .build();
    RollbackReport report = new Harness(dir).executor().run(plan, RunOptions.defaults().withSeverity("high"));

    assertThat(report.status()).isEqualTo(RunStatus.COMPENSATION_FAILED);
    assertThat(report.compensation()).extracting(RollbackReport.CompensationReport::step,
        RollbackReport.CompensationReport::status).containsExactly(
        org.assertj.core.groups.Tuple.tuple("second", CompensationStatus.FAILED),
        org.assertj.core.groups.Tuple.tuple("first", CompensationStatus.SKIPPED));
  }
}
