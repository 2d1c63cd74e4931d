package dev.rollback.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.Step;
import dev.rollback.git.support.GitCli;
import dev.rollback.git.support.Runs;
import dev.rollback.git.support.Sandbox;
import dev.rollback.spi.Audit;
import dev.rollback.spi.StepResult;
import dev.rollback.testkit.AdapterHarness;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DESIGN §4: dirty work trees are refused and never reset, refs are backed up, nothing is lost, conflicts leave no trace. */
class SafetyTest {

  private Sandbox box;
  private GitCli git;
  private GitAdapter adapter;
  private String culprit;

  @BeforeEach
  void repository() {
    box = Sandbox.create();
    git = box.init("repo");
    git.write("ci.yml", "direct\n").write("other.txt", "1\n2\n3\n").commitAll("stable");
    git.at(Sandbox.EPOCH.plusSeconds(60)).write("ci.yml", "docker\n").commitAll("P3-007: docker");
    culprit = git.rev("HEAD");
    git.at(Sandbox.EPOCH.plusSeconds(120)).write("other.txt", "1\n2\n3\n4\n").commitAll("later");
    git.run("tag", "-a", "-m", "release", "v1", "HEAD~1");
    git.run("branch", "feature", "HEAD~2");
    adapter = GitAdapter.open(git.dir());
  }

  @AfterEach
  void cleanUp() {
    adapter.close();
    box.close();
  }

  private AdapterHarness run(Step... steps) {
    return Runs.run(adapter, "run-1", git.dir(), Sandbox.EPOCH.plusSeconds(600), steps);
  }

  @Test
  void aModifiedFileIsRefusedWithItsPathAndLeftAsItIs() throws Exception {
    git.write("other.txt", "my local work\n");
    Step revert = GitSteps.revert(culprit);
    AdapterHarness run = run(revert);
    assertThatThrownBy(() -> run.apply(revert)).isInstanceOf(DirtyWorkTreeException.class)
        .hasMessageContaining("1 uncommitted change").hasMessageContaining("modified: other.txt")
        .hasMessageContaining("never resets")
        .satisfies(e -> assertThat(((DirtyWorkTreeException) e).paths()).containsExactly("other.txt"));
    assertThat(git.read("other.txt")).isEqualTo("my local work\n");
    assertThat(git.status()).isEqualTo("M other.txt");
    assertThat(git.run("for-each-ref", "refs/rollback")).isEmpty();
  }

  @Test
  void stagedChangesAndDeletedFilesAreDirtyButUntrackedFilesAreNot() throws Exception {
    git.write("untracked.log", "x\n");
    Step revert = GitSteps.revert(culprit);
    assertThat(run(revert).apply(revert).summary()).contains("reverted 1 commit");
    assertThat(git.read("untracked.log")).isEqualTo("x\n");

    git.write("new.txt", "staged\n").run("add", "new.txt");
    Files.delete(git.dir().resolve("ci.yml"));
    Step again = GitSteps.revert("HEAD");
    assertThatThrownBy(() -> run(again).apply(again)).isInstanceOf(DirtyWorkTreeException.class)
        .hasMessageContaining("2 uncommitted changes (staged: new.txt; modified: ci.yml)");
  }

  @Test
  void anOperationInProgressIsRefused() throws Exception {
    git.run("checkout", "-q", "feature");
    git.write("ci.yml", "feature\n").commitAll("feature edit");
    git.run("checkout", "-q", "main");
    assertThat(git.tryRun("merge", "feature").ok()).isFalse();
    Step revert = GitSteps.revert(culprit);
    assertThatThrownBy(() -> run(revert).apply(revert)).isInstanceOf(DirtyWorkTreeException.class)
        .hasMessageContaining("a merge is in progress in '");
  }

  /**
   * In a repository mid-merge, a conflicted path was listed once per index stage ("staged: config, config,
   * config") and the merge was called "a merging operation"; now the merge is named with how to end it, and each
   * path is listed once.
   */
  @Test
  void aMergeInProgressIsNamedWithHowToEndItAndEachPathListedOnce() throws Exception {
    git.run("checkout", "-q", "feature");
    git.write("ci.yml", "feature\n").write("added.txt", "new\n").commitAll("feature edit");
    git.run("checkout", "-q", "main");
    assertThat(git.tryRun("merge", "feature").ok()).isFalse();
    Step revert = GitSteps.revert(culprit);

    assertThatThrownBy(() -> run(revert).apply(revert)).isInstanceOf(DirtyWorkTreeException.class)
        .hasMessage("a merge is in progress in '" + git.dir() + "', with 2 uncommitted changes (staged: added.txt;"
            + " unmerged: ci.yml); finish it (resolve, git add, git commit) or abort it (git merge --abort) first;"
            + " Rollback never resets them");
  }

  @Test
  void everyRefIsBackedUpBeforeTheFirstChangeAndTheAuditProvesNothingWasLost() throws Exception {
    String refsBefore = git.refs();
    Step revert = GitSteps.revert(culprit);
    AdapterHarness run = run(revert);
    run.apply(revert);
    String backups = git.run("for-each-ref", "--format=%(refname) %(objectname)", "refs/rollback/run-1");
    for (String line : refsBefore.split("\n")) {
      assertThat(backups).contains("refs/rollback/run-1/" + line);
    }
    assertThat(backups).contains("refs/rollback/run-1/HEAD " + culprit.substring(0, 0));
    Audit audit = adapter.onRunEnd(run).orElseThrow();
    assertThat(audit.passed()).isTrue();
    assertThat(audit.summary()).contains("still reachable").contains("1 ref moved");
    assertThat(audit.evidence()).containsEntry("commitsLost", 0).containsEntry("refsBefore", 3)
        .as("both counts leave HEAD and the backups out").containsEntry("refsNow", 3)
        .containsEntry("backupPrefix", "refs/rollback/run-1/");
    assertThat((List<?>) audit.evidence().get("movedRefs")).hasSize(1);
    assertThat(run.remembered()).containsEntry("git.backup.prefix", "refs/rollback/run-1/")
        .containsEntry("git.head.before", "refs/heads/main");
  }

  @Test
  void theAuditFailsWhenACommitBecameUnreachable() throws Exception {
    git.run("checkout", "-q", "feature");
    git.write("f.txt", "feature only\n").commitAll("feature only");
    git.run("checkout", "-q", "main");
    Step revert = GitSteps.revert(culprit);
    AdapterHarness run = run(revert);
    run.apply(revert);
    git.run("branch", "-D", "feature");
    git.run("update-ref", "-d", "refs/rollback/run-1/refs/heads/feature");
    Audit audit = adapter.onRunEnd(run).orElseThrow();
    assertThat(audit.passed()).isFalse();
    assertThat(audit.summary()).contains("1 commit reachable from the 2 refs before the run").contains("no longer reachable");
    assertThat(audit.evidence()).containsEntry("commitsLost", 1);
  }

  @Test
  void aConflictStopsTheStepWithItsPathsAndLeavesNoTrace() throws Exception {
    git.at(Sandbox.EPOCH.plusSeconds(180)).write("ci.yml", "docker v2\n").commitAll("edit ci again");
    String status = git.status();
    String index = git.indexChecksum();
    String head = git.rev("HEAD");
    long objects = objectCount();
    Step revert = GitSteps.revert(culprit);
    AdapterHarness run = run(revert);
    assertThatThrownBy(() -> run.apply(revert)).isInstanceOf(GitConflictException.class)
        .hasMessageContaining("revert of " + culprit + " conflicts in 1 path: ci.yml; nothing was changed")
        .satisfies(e -> assertThat(((GitConflictException) e).paths()).containsExactly("ci.yml"));
    assertThat(git.indexChecksum()).isEqualTo(index);
    assertThat(git.status()).isEqualTo(status);
    assertThat(git.rev("HEAD")).isEqualTo(head);
    assertThat(objectCount()).as("not even a loose object is written").isEqualTo(objects);
    for (String f : List.of("MERGE_HEAD", "REVERT_HEAD", "CHERRY_PICK_HEAD", "MERGE_MSG", "sequencer")) {
      assertThat(git.gitDir().resolve(f)).doesNotExist();
    }
  }

  private long objectCount() {
    return Long.parseLong(git.run("count-objects", "-v").lines().filter(l -> l.startsWith("count:")).findFirst()
        .orElseThrow().substring(7).strip());
  }

  @Test
  void compensationMovesTheBranchBackAndKeepsTheUndoneCommitReachable() throws Exception {
    Step revert = GitSteps.revert(culprit);
    AdapterHarness run = run(revert);
    String before = git.rev("HEAD");
    StepResult applied = run.apply(revert);
    String revertCommit = git.rev("HEAD");
    StepResult undone = run.compensate(revert, applied);
    assertThat(git.rev("HEAD")).isEqualTo(before);
    assertThat(git.status()).isEmpty();
    assertThat(git.read("ci.yml")).isEqualTo("docker\n");
    String kept = (String) undone.evidence().get("kept");
    assertThat(kept).startsWith("refs/rollback/run-1/kept/main-");
    assertThat(git.rev(kept)).isEqualTo(revertCommit);
    Audit audit = adapter.onRunEnd(run).orElseThrow();
    assertThat(audit.passed()).isTrue();
    assertThat((List<?>) audit.evidence().get("movedRefs")).isEmpty();
  }

  @Test
  void compensationRefusesABranchThatMovedSinceAndChangesNothing() throws Exception {
    Step revert = GitSteps.revert(culprit);
    AdapterHarness run = run(revert);
    StepResult applied = run.apply(revert);
    git.at(Sandbox.EPOCH.plusSeconds(900)).write("x.txt", "someone else\n").commitAll("someone else's work");
    String head = git.rev("HEAD");
    assertThatThrownBy(() -> run.compensate(revert, applied)).isInstanceOf(GitException.class)
        .hasMessageContaining("refs/heads/main is at " + head).hasMessageContaining("nothing was changed");
    assertThat(git.rev("HEAD")).isEqualTo(head);
    assertThat(git.status()).isEmpty();
  }

  @Test
  void aResumedRunDoesNotBackUpTwice() throws Exception {
    Step revert = GitSteps.revert(culprit);
    AdapterHarness run = run(revert);
    adapter.beforeFirstMutation(run);
    String backups = git.run("for-each-ref", "refs/rollback");
    git.at(Sandbox.EPOCH.plusSeconds(700)).write("z.txt", "z\n").commitAll("after the crash");
    adapter.beforeFirstMutation(run.resumed());
    assertThat(git.run("for-each-ref", "refs/rollback")).isEqualTo(backups);
  }
}
