package dev.rollback.git;

import static dev.rollback.Rollback.branch;
import static dev.rollback.Rollback.path;
import static dev.rollback.Rollback.ref;
import static dev.rollback.Rollback.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.Step;
import dev.rollback.git.support.GitCli;
import dev.rollback.git.support.Runs;
import dev.rollback.git.support.Sandbox;
import dev.rollback.spi.Probe;
import dev.rollback.spi.StepPreview;
import dev.rollback.spi.StepResult;
import dev.rollback.testkit.AdapterHarness;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Branches, checkouts, tags, commits and no-commit picks; previews that change nothing; probes and undos. */
class WritesTest {

  private static final Instant AT = Sandbox.EPOCH.plusSeconds(86_400);

  private Sandbox box;
  private GitCli git;
  private GitAdapter adapter;
  private String culprit;

  @BeforeEach
  void repository() {
    box = Sandbox.create();
    git = box.init("repo");
    git.write(".github/workflows/ci.yml", "pytest\n").write("Dockerfile.test", "FROM a\n").commitAll("stable");
    git.at(Sandbox.EPOCH.plusSeconds(60)).write(".github/workflows/ci.yml", "docker\n")
        .write("Dockerfile.test", "FROM b\n").commitAll("P3-007: docker tests");
    culprit = git.rev("HEAD");
    git.at(Sandbox.EPOCH.plusSeconds(120)).write("README.md", "readme\n").commitAll("docs");
    adapter = GitAdapter.open(git.dir());
  }

  @AfterEach
  void cleanUp() {
    adapter.close();
    box.close();
  }

  private String everything() {
    return git.refs() + "|" + git.status() + "|" + git.indexChecksum() + "|" + git.run("count-objects", "-v")
        + "|" + git.run("rev-parse", "--symbolic-full-name", "HEAD");
  }

  @Test
  void aPreviewOfTheWholeRollbackChangesNothingAndBuildsEachStepOnThePreviousOne() throws Exception {
    Step create = GitSteps.checkoutNewBranch(branch("rollback-p3-007-{{run.date}}"));
    Step revert = GitSteps.revert(ref("culprit")).as("revertCommit");
    Step restore = GitSteps.restore(template("{{culprit}}^"), path(".github/workflows/ci.yml"),
        path("Dockerfile.test"));
    Step tag = GitSteps.tag(branch("rolled-back"), "HEAD");
    AdapterHarness run = Runs.run(adapter, "p", git.dir(), AT, create, revert, restore, tag).asPreview();
    run.bind("culprit", culprit);
    String before = everything();
    StepPreview p1 = run.preview(create);
    StepPreview p2 = run.preview(revert);
    StepPreview p3 = run.preview(restore);
    StepPreview p4 = run.preview(tag);
    assertThat(everything()).isEqualTo(before);
    assertThat(p1.summary()).contains("create and check out rollback-p3-007-20260102");
    assertThat(p2.failure()).isEmpty();
    assertThat(p2.details()).containsKeys("tree", "files", "diffstat", "commits");
    assertThat((String) p2.details().get("diffstat")).isEqualTo("2 files changed, 2 insertions(+), 2 deletions(-)");
    assertThat(p3.summary()).as("the restore sees the previewed revert").contains("every file already matches");
    assertThat(p4.failure()).isEmpty();

    AdapterHarness real = Runs.run(adapter, "p", git.dir(), AT, create, revert, restore, tag);
    real.bind("culprit", culprit);
    real.apply(create);
    real.apply(revert);
    assertThat(git.rev("HEAD^{tree}")).as("the previewed tree is the applied tree").isEqualTo(p2.details().get("tree"));
    assertThat(List.of(git.rev("HEAD"))).isEqualTo(p2.details().get("commits"));
  }

  @Test
  void aPreviewReportsTheConflictingPathsOfARevertThatWouldConflict() throws Exception {
    git.at(Sandbox.EPOCH.plusSeconds(180)).write("Dockerfile.test", "FROM c\n").commitAll("edit Dockerfile");
    String before = everything();
    Step revert = GitSteps.revert(culprit);
    StepPreview p = Runs.run(adapter, "p", git.dir(), AT, revert).asPreview().preview(revert);
    assertThat(p.failure()).hasValueSatisfying(f -> assertThat(f).contains("conflicts in 1 path: Dockerfile.test"));
    assertThat(p.details()).containsEntry("conflicts", List.of("Dockerfile.test"));
    assertThat(everything()).isEqualTo(before);
  }

  @Test
  void aRestorePreviewListsTheFilesAndTheirBlobChanges() throws Exception {
    Step restore = GitSteps.restore(culprit + "^", path(".github/workflows/ci.yml"));
    StepPreview p = Runs.run(adapter, "p", git.dir(), AT, restore).asPreview().preview(restore);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> files = (List<Map<String, Object>>) p.details().get("files");
    assertThat(files).singleElement().satisfies(f -> assertThat(f).containsEntry("path", ".github/workflows/ci.yml")
        .containsEntry("change", "M").containsEntry("added", 1).containsEntry("deleted", 1)
        .containsEntry("oldBlob", git.rev("HEAD:.github/workflows/ci.yml"))
        .containsEntry("newBlob", git.rev(culprit + "^:.github/workflows/ci.yml")));
  }

  @Test
  void branchCheckoutAndTagStepsAreGitsAndUndoThemselves() throws Exception {
    Step create = GitSteps.checkoutNewBranch(branch("rollback-{{run.date}}"), "HEAD~1");
    Step tag = GitSteps.tag(branch("before-rollback"), culprit, "state before the rollback");
    Step back = GitSteps.checkout(branch("main"));
    AdapterHarness run = Runs.run(adapter, "b", git.dir(), AT, create, tag, back);
    StepResult created = run.apply(create);
    assertThat(git.run("rev-parse", "--abbrev-ref", "HEAD")).isEqualTo("rollback-20260102");
    assertThat(git.rev("HEAD")).isEqualTo(culprit);
    assertThat(git.status()).isEmpty();
    assertThat(git.run("reflog", "-1", "--format=%gs")).isEqualTo("checkout: moving from main to rollback-20260102");
    StepResult tagged = run.apply(tag);
    assertThat(git.run("cat-file", "-t", "before-rollback")).isEqualTo("tag");
    assertThat(git.run("tag", "-l", "--format=%(contents)", "before-rollback")).isEqualTo(
        "state before the rollback");
    StepResult switched = run.apply(back);
    assertThat(git.run("rev-parse", "--abbrev-ref", "HEAD")).isEqualTo("main");

    assertThat(run.isApplied(create).state()).isEqualTo(Probe.State.UNKNOWN);
    assertThat(run.isApplied(tag).result().orElseThrow().outputs()).isEqualTo(tagged.outputs());
    assertThat(run.isApplied(back).state()).isEqualTo(Probe.State.APPLIED);

    run.compensate(back, switched);
    assertThat(git.run("rev-parse", "--abbrev-ref", "HEAD")).isEqualTo("rollback-20260102");
    run.compensate(tag, tagged);
    assertThat(git.tryRun("rev-parse", "before-rollback").ok()).isFalse();
    run.compensate(create, created);
    assertThat(git.run("rev-parse", "--abbrev-ref", "HEAD")).isEqualTo("main");
    assertThat(git.tryRun("rev-parse", "--verify", "rollback-20260102").ok()).isFalse();
    assertThat(git.status()).isEmpty();
    assertThat(adapter.onRunEnd(run).orElseThrow().passed()).isTrue();
  }

  @Test
  void filesARevertWritesGetGitsPermissions() throws Exception {
    git.write("run.sh", "#!/bin/sh\n");
    java.nio.file.Files.setPosixFilePermissions(git.dir().resolve("run.sh"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    git.commitAll("add a script");
    git.run("rm", "-q", "run.sh", "README.md");
    git.run("commit", "-q", "-m", "remove the script and the readme");
    GitCli other = box.copy(git, "other");
    other.at(AT).run("revert", "--no-edit", "HEAD");
    Step revert = GitSteps.revert("HEAD");
    Runs.run(adapter, "perm", git.dir(), AT, revert).apply(revert);
    for (String f : List.of("run.sh", "README.md")) {
      assertThat(java.nio.file.Files.getPosixFilePermissions(git.dir().resolve(f)))
          .as(f).isEqualTo(java.nio.file.Files.getPosixFilePermissions(other.dir().resolve(f)));
    }
    assertThat(git.rev("HEAD")).isEqualTo(other.rev("HEAD"));
    assertThat(git.status()).isEmpty();
  }

  @Test
  void anExistingBranchOrTagIsRefusedLikeGit() throws Exception {
    git.run("branch", "taken");
    Step create = GitSteps.createBranch(branch("taken"));
    assertThatThrownBy(() -> Runs.run(adapter, "x", git.dir(), AT, create).apply(create))
        .isInstanceOf(GitException.class).hasMessageContaining("a branch named 'taken' already exists");
    Step checkout = GitSteps.checkout(branch("missing"));
    assertThatThrownBy(() -> Runs.run(adapter, "y", git.dir(), AT, checkout).apply(checkout))
        .hasMessageContaining("branch 'missing' does not exist");
  }

  @Test
  void cherryPickNoCommitThenCommitIsGitsCherryPickDashNAndCommit() throws Exception {
    git.run("checkout", "-q", "-b", "fix", "HEAD~2");
    git.at(Sandbox.EPOCH.plusSeconds(200)).write("fix1.txt", "1\n").commitAll("fix one");
    String fix1 = git.rev("HEAD");
    git.at(Sandbox.EPOCH.plusSeconds(210)).write("fix2.txt", "2\n").commitAll("fix two");
    String fix2 = git.rev("HEAD");
    git.run("checkout", "-q", "main");
    GitCli other = box.copy(git, "other");
    other.at(AT).run("cherry-pick", "--no-commit", fix1);
    other.run("cherry-pick", "--no-commit", fix2);
    other.run("commit", "-q", "-m", "Apply fixes for P3-007");

    Step pick1 = GitSteps.cherryPickNoCommit(fix1);
    Step pick2 = GitSteps.cherryPickNoCommit(fix2);
    Step commit = GitSteps.commit("Apply fixes for P3-007");
    AdapterHarness run = Runs.run(adapter, "n", git.dir(), AT, pick1, pick2, commit);
    StepResult r1 = run.apply(pick1);
    assertThat(git.status()).isEqualTo("A  fix1.txt");
    assertThat(run.isApplied(pick1).state()).isEqualTo(Probe.State.APPLIED);
    run.apply(pick2);
    StepResult committed = run.apply(commit);
    assertThat(git.rev("HEAD")).isEqualTo(other.rev("HEAD"));
    assertThat(git.status()).isEmpty();
    assertThat(run.isApplied(commit).result().orElseThrow().outputs()).isEqualTo(committed.outputs());

    run.compensate(commit, committed);
    assertThat(git.status()).as("undoing the commit leaves its changes staged, as before it")
        .isEqualTo("A  fix1.txt\nA  fix2.txt");
    assertThatThrownBy(() -> run.compensate(pick1, r1)).isInstanceOf(GitException.class)
        .hasMessageContaining("the index changed since the step");
    Step nothing = GitSteps.commit("again");
    git.run("reset", "-q", "--hard");
    assertThatThrownBy(() -> run.apply(nothing)).hasMessageContaining("nothing to commit");
  }

  @Test
  void probesOfRevertAndRestoreSeeWhatARunDidBeforeACrash() throws Exception {
    Step revert = GitSteps.revert(culprit);
    Step restore = GitSteps.restore(culprit, List.of(path("Dockerfile.test")), "Keep the new Dockerfile");
    AdapterHarness run = Runs.run(adapter, "crash", git.dir(), AT, revert, restore);
    adapter.beforeFirstMutation(run);
    assertThat(run.isApplied(revert).state()).isEqualTo(Probe.State.NOT_APPLIED);
    StepResult reverted = run.apply(revert);
    StepResult restored = run.apply(restore);
    AdapterHarness resumed = run.resumed();
    Probe p1 = resumed.isApplied(revert);
    Probe p2 = resumed.isApplied(restore);
    assertThat(p1.state()).isEqualTo(Probe.State.APPLIED);
    assertThat(p1.result().orElseThrow().value()).isEqualTo(reverted.value());
    assertThat(p1.result().orElseThrow().outputs()).isEqualTo(reverted.outputs());
    assertThat(p2.state()).isEqualTo(Probe.State.APPLIED);
    assertThat(p2.result().orElseThrow().outputs()).isEqualTo(restored.outputs());
  }

  @Test
  void aRevertOfSeveralCommitsIsAllOrNothing() throws Exception {
    git.at(Sandbox.EPOCH.plusSeconds(180)).write("README.md", "changed\n").commitAll("edit readme");
    String before = everything();
    Step both = GitSteps.revertAll(culprit, "HEAD~1");
    AdapterHarness run = Runs.builder(adapter, "all", git.dir(), AT, both).callsBeforeFirstMutation(false).build();
    assertThatThrownBy(() -> run.apply(both)).isInstanceOf(GitConflictException.class)
        .hasMessageContaining("README.md");
    assertThat(everything()).isEqualTo(before);
  }
}
