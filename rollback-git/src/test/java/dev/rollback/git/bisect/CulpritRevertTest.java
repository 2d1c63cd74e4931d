package dev.rollback.git.bisect;

import static dev.rollback.Rollback.branch;
import static dev.rollback.Rollback.declared;
import static dev.rollback.Rollback.hours;
import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.procedure;
import static dev.rollback.Rollback.ref;
import static dev.rollback.Rollback.severity;
import static dev.rollback.Rollback.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.Command;
import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.git.Culprits;
import dev.rollback.git.GitAdapter;
import dev.rollback.git.GitBisect;
import dev.rollback.git.GitChecks;
import dev.rollback.git.GitSteps;
import dev.rollback.git.support.BisectHistory;
import dev.rollback.git.support.GitCli;
import dev.rollback.git.support.Sandbox;
import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import dev.rollback.run.Approvers;
import dev.rollback.run.Journal;
import dev.rollback.run.ManualClock;
import dev.rollback.run.RollbackExecutor;
import dev.rollback.run.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bisect, check the guardrails, revert with trailers, prove the probe passes, push under the lease: end to end on a
 * clone with a bare origin, and each guardrail refusing with its reason in the report while nothing changes.
 */
class CulpritRevertTest {

  private Sandbox box;
  private GitCli work;
  private GitCli origin;
  private BisectHistory hist;
  private Path probe;
  private Instant culpritTime;

  @BeforeEach
  void history() throws Exception {
    box = Sandbox.create();
    GitCli seed = box.init("seed");
    hist = BisectHistory.write(seed, 7, 80, true, 0.0);
    origin = box.bare("origin.git");
    seed.run("push", "-q", origin.dir().toString(), "main");
    work = box.clone(origin, "work");
    probe = Files.writeString(box.root().resolve("probe.sh"), "#!/bin/sh\n"
        + "if [ -f broken ] || [ -f broken2 ]; then exit 1; fi\nexit 0\n");
    culpritTime = Instant.ofEpochSecond(Long.parseLong(work.run("log", "-1", "--format=%ct",
        hist.main.get(hist.culprit))));
  }

  @AfterEach
  void cleanUp() {
    box.close();
  }

  private RollbackPlan plan(Culprits.Guardrails guardrails) {
    Command test = Command.of("sh", probe.toString());
    return Rollback.plan("auto-revert")
        .severity(severity("high").when(declared("red")).rollbackWithin(hours(1)).approval(single("maintainer")))
        .checklist(GitBisect.between(hist.main.get(hist.good), hist.main.get(hist.bad)).probe(test).check()
                .as("culprit"),
            guardrails.check(ref("culprit")))
        .procedure(procedure("revert")
            .phase(phase("revert").step(Culprits.revert(ref("culprit"), "git bisect --first-parent"))
                .validate(Culprits.probePasses("HEAD", test)))
            .phase(phase("push").step(GitSteps.pushWithLease("origin", branch("main")))
                .validate(GitChecks.commitExists("HEAD"))))
        .build();
  }

  private RollbackReport run(Culprits.Guardrails guardrails, Instant now) throws Exception {
    ManualClock clock = ManualClock.at(now);
    try (RollbackExecutor executor = RollbackExecutor.builder().workspace(work.dir())
        .adapter(GitAdapter.open(work.dir()).withIdentity("Rollback Bot", "bot@rollback.dev"))
        .journal(Journal.directory(Files.createDirectories(box.root().resolve("journal"))))
        .approver(Approvers.automatic("lead", "test")).clock(clock).sleeper(clock).build()) {
      return executor.run(plan(guardrails), RunOptions.defaults().withDeclared("red").withRunId("auto-1"));
    }
  }

  private String guardrailSummary(RollbackReport report) {
    return report.checklist().stream().filter(c -> c.kind().equals(Culprits.GUARDRAILS)).findFirst().orElseThrow()
        .summary();
  }

  @Test
  void anAllowedRevertCarriesItsTrailersAndIsPushedOnlyAfterTheProbePasses() throws Exception {
    String before = work.rev("HEAD");
    RollbackReport report = run(Culprits.guardrails(), culpritTime.plus(Duration.ofHours(2)));
    assertThat(report.status()).as(report.summary()).isEqualTo(RunStatus.SUCCEEDED);
    String culprit = hist.main.get(hist.culprit);
    assertThat(work.run("rev-parse", "HEAD^")).isEqualTo(before);
    String message = work.run("log", "-1", "--format=%B");
    assertThat(message).contains("This reverts commit " + culprit).contains("Reverts: " + culprit)
        .contains("Rollback-Run: auto-1").contains("Found-By: git bisect --first-parent")
        .contains(Culprits.TRAILER + ": auto");
    // git itself reads them as trailers.
    assertThat(work.run("log", "-1", "--format=%(trailers:only,unfold)").lines()).containsExactly(
        "Reverts: " + culprit, "Rollback-Run: auto-1", "Found-By: git bisect --first-parent",
        Culprits.TRAILER + ": auto");
    assertThat(origin.rev("main")).isEqualTo(work.rev("HEAD"));
  }

  @Test
  void aCulpritOlderThanAllowedIsRefused() throws Exception {
    String before = work.rev("HEAD");
    RollbackReport report = run(Culprits.guardrails().maxCulpritAge(Duration.ofHours(24)),
        culpritTime.plus(Duration.ofHours(50)));
    assertThat(report.status()).isNotEqualTo(RunStatus.SUCCEEDED);
    assertThat(guardrailSummary(report)).contains("refused").contains("50h old").contains("24h allowed");
    assertThat(report.toMarkdown()).contains("50h old");
    assertThat(work.rev("HEAD")).isEqualTo(before);
    assertThat(origin.rev("main")).isEqualTo(before);
  }

  @Test
  void aCulpritWithTheOptOutMarkerIsRefused() throws Exception {
    String before = work.rev("HEAD");
    String subject = work.run("log", "-1", "--format=%s", hist.main.get(hist.culprit));
    RollbackReport report = run(Culprits.guardrails().optOutMarker(subject), culpritTime.plusSeconds(60));
    assertThat(guardrailSummary(report)).contains("opt-out marker '" + subject + "'");
    assertThat(work.rev("HEAD")).isEqualTo(before);
    assertThat(origin.rev("main")).isEqualTo(before);
  }

  @Test
  void moreAutomaticRevertsThanAllowedTodayAreRefused() throws Exception {
    // Four earlier automatic reverts today, as their trailer shows in the history.
    Instant now = culpritTime.plus(Duration.ofHours(3));
    for (int i = 0; i < 4; i++) {
      work.at(now.minus(Duration.ofHours(2)).plusSeconds(i)).write("other-" + i, "x\n");
      work.run("add", "other-" + i);
      work.run("commit", "-q", "-m", "Revert \"something " + i + "\"\n\n" + Culprits.TRAILER + ": auto");
    }
    work.run("push", "-q", "origin", "main");
    String before = work.rev("HEAD");
    RollbackReport report = run(Culprits.guardrails().maxRevertsPerDay(4), now);
    assertThat(guardrailSummary(report)).contains("4 automatic reverts were made in the last 24h")
        .contains("the most allowed is 4");
    assertThat(work.rev("HEAD")).isEqualTo(before);
  }

  @Test
  void ourOwnRevertIsNeverRevertedButEscalated() throws Exception {
    // The culprit found is itself one of our automatic reverts.
    Instant now = culpritTime.plus(Duration.ofHours(1));
    Path p = Files.writeString(box.root().resolve("probe.sh"), "#!/bin/sh\nexit 1\n");
    String good = work.rev("HEAD");
    work.at(now.minusSeconds(60)).write("undo", "x\n");
    work.run("add", "undo");
    work.run("commit", "-q", "-m", "Revert \"a change\"\n\n" + Culprits.TRAILER + ": auto");
    String ourRevert = work.rev("HEAD");
    work.run("push", "-q", "origin", "main");
    RollbackPlan plan = Rollback.plan("auto-revert")
        .severity(severity("high").when(declared("red")).rollbackWithin(hours(1)).approval(single("maintainer")))
        .checklist(GitBisect.between(good, ourRevert).probe(Command.of("sh", p.toString())).check().as("culprit"),
            Culprits.guardrails().check(ref("culprit")))
        .procedure(procedure("revert").phase(phase("revert").step(Culprits.revert(ref("culprit"), "bisect"))
            .validate(GitChecks.commitExists("HEAD"))))
        .build();
    ManualClock clock = ManualClock.at(now);
    RollbackReport report;
    try (RollbackExecutor executor = RollbackExecutor.builder().workspace(work.dir())
        .adapter(GitAdapter.open(work.dir())).journal(Journal.directory(Files.createDirectories(
            box.root().resolve("journal")))).approver(Approvers.automatic("lead", "test")).clock(clock)
        .sleeper(clock).build()) {
      report = executor.run(plan, RunOptions.defaults().withDeclared("red"));
    }
    assertThat(report.outputs()).containsEntry("culprit", ourRevert);
    assertThat(guardrailSummary(report)).contains("one of our own automatic reverts").contains("escalate");
    assertThat(work.rev("HEAD")).isEqualTo(ourRevert);
  }

  @Test
  void aRevertThatDoesNotFixTheProbeStopsBeforeThePushAndSaysSo() throws Exception {
    // Something else broke later too: reverting the culprit alone leaves the probe failing.
    work.at(culpritTime.plusSeconds(3600)).write("broken2", "also broken\n");
    work.run("add", "broken2");
    work.run("commit", "-q", "-m", "Another breakage");
    work.run("push", "-q", "origin", "main");
    String pushed = origin.rev("main");
    RollbackReport report = run(Culprits.guardrails(), culpritTime.plus(Duration.ofHours(2)));
    assertThat(report.status()).isNotEqualTo(RunStatus.SUCCEEDED);
    assertThat(report.toMarkdown()).contains("the revert does not fix the probe");
    assertThat(report.phases().get(1).steps().get(0).status()).isNotEqualTo(RollbackReport.StepStatus.APPLIED);
    assertThat(origin.rev("main")).isEqualTo(pushed);
  }
}
