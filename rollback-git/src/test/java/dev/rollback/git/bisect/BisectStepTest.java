package dev.rollback.git.bisect;

import static dev.rollback.Rollback.declared;
import static dev.rollback.Rollback.hours;
import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.procedure;
import static dev.rollback.Rollback.ref;
import static dev.rollback.Rollback.severity;
import static dev.rollback.Rollback.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.Checks;
import dev.rollback.Command;
import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.Step;
import dev.rollback.Steps;
import dev.rollback.git.Culprits;
import dev.rollback.git.GitAdapter;
import dev.rollback.git.GitBisect;
import dev.rollback.git.GitChecks;
import dev.rollback.git.GitSteps;
import dev.rollback.git.support.BisectHistory;
import dev.rollback.git.support.GitCli;
import dev.rollback.git.support.Sandbox;
import dev.rollback.report.RollbackReport.StepReport;
import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import dev.rollback.run.Approvers;
import dev.rollback.run.Journal;
import dev.rollback.run.Preview;
import dev.rollback.run.RollbackExecutor;
import dev.rollback.run.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bisection as a plan step: its outputs feed a revert, the user's work tree and index stay as they were, the
 * scratch checkouts share objects and are reset between probes, and a probe that cannot decide, a flaky red and a
 * bad plan value stop it with the reason.
 */
class BisectStepTest {

  private Sandbox box;
  private GitCli git;
  private BisectHistory hist;
  private Path ledger;

  @BeforeEach
  void history() throws Exception {
    box = Sandbox.create();
    git = box.init("repo");
    hist = BisectHistory.write(git, 42, 120, true, 0.1);
    ledger = box.root().resolve("ledger");
  }

  @AfterEach
  void cleanUp() {
    box.close();
  }

  private Path script(String name, String text) throws Exception {
    return Files.writeString(box.root().resolve(name), text);
  }

  private RollbackReport run(Step... steps) {
    RollbackPlan plan = Rollback.plan("bisect")
        .severity(severity("high").when(declared("red")).rollbackWithin(hours(1)).approval(single("maintainer")))
        .procedure(procedure("find").phase(phase("find").step(steps).validate(GitChecks.commitExists("HEAD"))))
        .build();
    try (RollbackExecutor executor = executor()) {
      return executor.run(plan, RunOptions.defaults().withDeclared("red"));
    }
  }

  private RollbackExecutor executor() {
    try {
      return RollbackExecutor.builder().workspace(git.dir()).adapter(GitAdapter.open(git.dir()))
          .journal(Journal.directory(Files.createDirectories(box.root().resolve("journal"))))
          .approver(Approvers.automatic("lead", "test")).build();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private GitBisect bisect(Path probe) {
    return GitBisect.between(hist.main.get(hist.good), hist.main.get(hist.bad))
        .probe(Command.of("sh", probe.toString(), ledger.toString()));
  }

  @Test
  void theCulpritAndTheEvidenceFeedARevertAndTheWorkTreeIsNeverTouched() throws Exception {
    git.write("notes.txt", "untracked, the user's\n");
    String head = git.rev("HEAD");
    // The probe also proves where it runs: a checkout of its own whose objects are the repository's (alternates).
    Path probe = script("probe.sh", BisectHistory.PROBE.replace("git rev-parse HEAD >> \"$1\"\n",
        "git rev-parse HEAD >> \"$1\"\npwd >> \"$1.where\"\ncat .git/objects/info/alternates >> \"$1.where\"\n"
            + "find .git/objects -type f -not -path '*/info/*' | wc -l >> \"$1.where\"\n"
            + "test -f notes.txt && exit 128\n"));
    RollbackReport report = run(bisect(probe).step().as("culprit"),
        Culprits.revert(ref("culprit"), ref("culprit.how")).as("revert"));
    assertThat(report.status()).as(report.summary()).isEqualTo(RunStatus.SUCCEEDED);
    String culprit = hist.main.get(hist.culprit);
    assertThat(report.outputs()).containsEntry("culprit", culprit);
    StepReport step = report.phases().get(0).steps().get(0);
    int probes = Files.readAllLines(ledger).size();
    assertThat(step.outputs()).containsEntry("probes", (long) probes).containsEntry("good", hist.main.get(hist.good))
        .containsEntry("bad", hist.main.get(hist.bad)).containsEntry("candidates", List.of(culprit));
    assertThat((String) step.outputs().get("how")).startsWith("git bisect --first-parent ");
    assertThat((List<?>) step.evidence().get("verdicts")).hasSize(probes);
    // The revert step used the culprit: HEAD moved by exactly one commit that reverts it.
    assertThat(git.run("rev-parse", "HEAD^")).isEqualTo(head);
    assertThat(git.run("log", "-1", "--format=%B")).contains("This reverts commit " + culprit)
        .contains("Found-By: git bisect --first-parent");
    assertThat(git.run("status", "--porcelain")).isEqualTo("?? notes.txt");
    List<String> where = Files.readAllLines(Path.of(ledger + ".where"));
    assertThat(where.get(0)).startsWith(git.gitDir().resolve("rollback/bisect").toString());
    assertThat(where.get(1)).isEqualTo(git.gitDir().resolve("objects").toString());
    assertThat(where.get(2).strip()).isEqualTo("0");
    assertThat(git.gitDir().resolve("rollback/bisect")).isEmptyDirectory();
  }

  @Test
  void whatAProbeLeavesInItsCheckoutIsGoneBeforeTheNext() throws Exception {
    Path probe = script("probe.sh", "#!/bin/sh\n"
        + "test -z \"$(git status --porcelain --ignored)\" || { git status --porcelain --ignored >&2; exit 200; }\n"
        + "echo scribble >> changes/0\nmkdir -p build && echo out > build/artifact\nrm -f untestable\n"
        + BisectHistory.PROBE.substring(BisectHistory.PROBE.indexOf('\n') + 1).replace("untestable ]", "x ]"));
    RollbackReport report = run(bisect(probe).parallelism(2).step().as("culprit"));
    assertThat(report.status()).as(report.summary()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(report.outputs()).containsEntry("culprit", hist.main.get(hist.culprit));
  }

  @Test
  void aProbeExitingAbove127StopsTheBisectionAsGitBisectRunDoes() throws Exception {
    Path probe = script("probe.sh", "#!/bin/sh\nexit 128\n");
    RollbackReport report = run(bisect(probe).step().as("culprit"));
    assertThat(report.status()).isNotEqualTo(RunStatus.SUCCEEDED);
    assertThat(report.phases().get(0).steps().get(0).error().orElseThrow())
        .contains("bisect run failed").contains("exited 128").contains("sh " + probe);
  }

  @Test
  void aRedThatPassesOnConfirmationIsFlakyAndNothingIsReverted() throws Exception {
    // Fails the first time it runs on any commit, passes afterwards: a flake on the bad end.
    Path probe = script("probe.sh", "#!/bin/sh\nid=$(git rev-parse HEAD)\necho $id >> \"$1\"\n"
        + "if [ $(grep -c $id \"$1\") -eq 1 ]; then exit 1; fi\nexit 0\n");
    String head = git.rev("HEAD");
    RollbackReport report = run(bisect(probe).confirmations(2).step().as("culprit"),
        GitSteps.revert(ref("culprit")));
    assertThat(report.status()).isNotEqualTo(RunStatus.SUCCEEDED);
    assertThat(report.phases().get(0).steps().get(0).error().orElseThrow()).contains("flaky, no rollback")
        .contains(hist.main.get(hist.bad));
    assertThat(git.rev("HEAD")).isEqualTo(head);
  }

  @Test
  void theCheckFailsWithTheConfirmationsAsEvidenceWhenTheRedIsAFlake() throws Exception {
    Path probe = script("probe.sh", "#!/bin/sh\nexit 0\n");
    RollbackPlan plan = Rollback.plan("bisect")
        .severity(severity("high").when(declared("red")).rollbackWithin(hours(1)).approval(single("maintainer")))
        .checklist(bisect(probe).confirmations(1).check().as("culprit"))
        .procedure(procedure("revert").phase(phase("revert").step(GitSteps.revert(ref("culprit")))
            .validate(GitChecks.commitExists("HEAD"))))
        .build();
    String head = git.rev("HEAD");
    RollbackReport report;
    try (RollbackExecutor executor = executor()) {
      report = executor.run(plan, RunOptions.defaults().withDeclared("red"));
    }
    RollbackReport.CheckReport check = report.checklist().get(0);
    assertThat(check.summary()).contains("flaky, no rollback");
    assertThat(check.evidence()).containsEntry("flaky", true).containsKey("confirmations");
    assertThat(git.rev("HEAD")).isEqualTo(head);
  }

  @Test
  void aPreviewRunsTheProbesForRealAndShowsTheCulprit() throws Exception {
    Path probe = script("probe.sh", BisectHistory.PROBE);
    RollbackPlan plan = Rollback.plan("bisect")
        .severity(severity("high").when(declared("red")).rollbackWithin(hours(1)).approval(single("maintainer")))
        .procedure(procedure("find").phase(phase("find").step(bisect(probe).step().as("culprit"))
            .validate(GitChecks.commitExists("HEAD"))))
        .build();
    Preview preview;
    try (RollbackExecutor executor = executor()) {
      preview = executor.preview(plan, RunOptions.defaults().withDeclared("red"));
    }
    assertThat(preview.steps().get(0).kind()).isEqualTo(GitBisect.BISECT);
    assertThat(preview.toString() + preview.steps().get(0)).contains(hist.main.get(hist.culprit));
  }

  @Test
  void aRangeAsGitWritesItOrAsTheCiSuspectsBindItIsBisectedAlike() throws Exception {
    Path probe = script("probe.sh", BisectHistory.PROBE);
    String range = hist.main.get(hist.good) + ".." + hist.main.get(hist.bad);
    RollbackReport report = run(Steps.command("echo", range).as("suspects"),
        GitBisect.range(ref("suspects")).probe(Command.of("sh", probe.toString(), ledger.toString())).step()
            .as("culprit"));
    assertThat(report.status()).as(report.summary()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(report.outputs()).containsEntry("culprit", hist.main.get(hist.culprit));
    assertThatThrownBy(() -> GitBisect.range("main")).hasMessageContaining("range must be <good>..<bad>, was 'main'");
  }

  @Test
  void badValuesAreRefusedWhereTheyAreGiven() {
    assertThatThrownBy(() -> GitBisect.between("a", "b").parallelism(0)).hasMessageContaining("parallelism")
        .hasMessageContaining("was 0");
    assertThatThrownBy(() -> GitBisect.between("a", "b").probe(Checks.confirm("works?")))
        .hasMessageContaining("command check").hasMessageContaining("core.confirm");
    assertThatThrownBy(() -> GitBisect.between("a", " ")).hasMessageContaining("bad is blank");
    assertThatThrownBy(() -> GitBisect.between("a", "b").step()).hasMessageContaining("has no probe");
    assertThatThrownBy(() -> GitBisect.between("a", "b").probe(Checks.commandOutput(Command.of("x"), "(\\d+)")))
        .hasMessageContaining("pattern");
  }

  @Test
  void aGoodEndThatIsNotAnAncestorOfTheBadEndIsRefusedWithWhatToDo() throws Exception {
    Path probe = script("probe.sh", BisectHistory.PROBE);
    RollbackReport report = run(GitBisect.between(hist.main.get(hist.bad), hist.main.get(hist.good))
        .probe(Command.of("sh", probe.toString(), ledger.toString())).step());
    assertThat(report.phases().get(0).steps().get(0).error().orElseThrow()).contains("is not an ancestor")
        .contains("git merge-base");
    assertThat(ledger).doesNotExist();
  }
}
