package dev.rollback.git;

import static dev.rollback.Rollback.branch;
import static dev.rollback.Rollback.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.PlanCheck;
import dev.rollback.Step;
import dev.rollback.git.support.GitCli;
import dev.rollback.git.support.Runs;
import dev.rollback.git.support.Sandbox;
import dev.rollback.testkit.AdapterHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear error naming the value, and the repository is left exactly as it was. */
class BadInputTest {

  private Sandbox box;
  private GitCli git;
  private GitAdapter adapter;
  private String before;

  @BeforeEach
  void repository() {
    box = Sandbox.create();
    git = box.init("repo");
    git.write("a.txt", "a\n").commitAll("base");
    git.at(Sandbox.EPOCH.plusSeconds(60)).write("a.txt", "b\n").commitAll("P3-007: change");
    adapter = GitAdapter.open(git.dir());
    before = snapshot();
  }

  @AfterEach
  void cleanUp() {
    adapter.close();
    box.close();
  }

  private String snapshot() {
    return git.refs() + "\n" + git.status() + "\n" + git.indexChecksum();
  }

  private Throwable apply(Step step) {
    AdapterHarness run = Runs.run(adapter, "bad", git.dir(), Sandbox.EPOCH.plusSeconds(600), step);
    Throwable t = null;
    try {
      run.apply(step);
    } catch (Throwable e) {
      t = e;
    }
    assertThat(t).as("step must fail: " + step).isNotNull();
    List<String> leftovers = git.run("for-each-ref", "--format=%(refname)", "refs/heads", "refs/tags").lines()
        .toList();
    assertThat(leftovers).containsExactly("refs/heads/main");
    git.run("for-each-ref", "--format=delete %(refname)", "refs/rollback").lines()
        .forEach(l -> git.run("update-ref", "-d", l.substring("delete ".length())));
    assertThat(snapshot()).as("repository unchanged after " + step).isEqualTo(before);
    return t;
  }

  @Test
  void anUnknownCommitIsNamedAndNothingChanges() {
    assertThat(apply(GitSteps.revert("deadbeef"))).isInstanceOf(GitException.class)
        .hasMessageContaining("unknown commit to revert 'deadbeef'");
    assertThat(apply(GitSteps.revert("no-such-branch"))).hasMessageContaining("'no-such-branch'");
    assertThat(apply(GitSteps.cherryPick("HEAD~7"))).hasMessageContaining("HEAD~7");
    assertThat(apply(GitSteps.restore("v9.9", path("a.txt")))).hasMessageContaining("'v9.9'");
  }

  @Test
  void anAmbiguousShortCommitIdListsTheCandidatesAndNothingChanges() throws Exception {
    String prefix = twoCommitsSharingAPrefix();
    Throwable t = apply(GitSteps.revert(prefix));
    assertThat(t).isInstanceOf(GitException.class)
        .hasMessageContaining("'" + prefix + "' is an ambiguous short id: it matches 2 commits");
  }

  /** Writes dangling commits until two ids share their first four hex digits; returns that prefix. */
  private String twoCommitsSharingAPrefix() throws Exception {
    try (Repository r = new FileRepositoryBuilder().setWorkTree(git.dir().toFile()).build();
        ObjectInserter ins = r.newObjectInserter()) {
      ObjectId tree = r.resolve("HEAD^{tree}");
      Map<String, ObjectId> seen = new HashMap<>();
      PersonIdent who = new PersonIdent("t", "t@x", Sandbox.EPOCH, java.time.ZoneOffset.UTC);
      for (int i = 0; ; i++) {
        CommitBuilder cb = new CommitBuilder();
        cb.setTreeId(tree);
        cb.setAuthor(who);
        cb.setCommitter(who);
        cb.setMessage("dangling " + i + "\n");
        ObjectId id = ins.insert(cb);
        String p = id.name().substring(0, 4);
        if (seen.containsKey(p)) {
          ins.flush();
          before = snapshot();
          return p;
        }
        seen.put(p, id);
      }
    }
  }

  @Test
  void pathsOutsideTheRepositoryAreRefusedAndNothingChanges() throws Exception {
    assertThat(apply(GitSteps.restore("HEAD~1", path("../x")))).isInstanceOf(GitException.class)
        .hasMessageContaining("path '../x' climbs out of the repository");
    assertThat(apply(GitSteps.restore("HEAD~1", path("/etc/passwd"))))
        .hasMessageContaining("path '/etc/passwd' is absolute");
    assertThat(apply(GitSteps.restore("HEAD~1", path("docs/../../x")))).hasMessageContaining("climbs out");
    assertThat(apply(GitSteps.restore("HEAD~1", path(".git/config")))).hasMessageContaining(".git directory");
    Path outside = Files.createDirectories(box.root().resolve("outside"));
    Files.createSymbolicLink(git.dir().resolve("link"), outside);
    git.run("config", "status.showUntrackedFiles", "no");
    before = snapshot();
    assertThat(apply(GitSteps.restore("HEAD~1", path("link/a.txt"))))
        .hasMessageContaining("path 'link/a.txt' goes through the symbolic link 'link'");
    assertThat(Files.list(outside)).isEmpty();
  }

  @Test
  void aMisspeltPathToRestoreIsNamedEvenWhereAnExactRestoreWouldAcceptAPathGoneOnBothSides() {
    assertThat(apply(GitSteps.restoreExactly("HEAD~1", path("a.txt"), path("scripts/run_dcoker_tests.sh"))))
        .isInstanceOf(GitException.class).hasMessageContaining("path 'scripts/run_dcoker_tests.sh' did not match");
    assertThat(apply(GitSteps.restore("HEAD~1", path("nope.txt")))).hasMessageContaining("'nope.txt' did not match");
  }

  @Test
  void invalidBranchNamesAreRefusedByThePlanCheckAndAtRunTime() {
    for (String bad : List.of("a..b", "-x", "ctl\u0001char", "has space", "ends.lock", "x@{1}")) {
      Step step = GitSteps.checkoutNewBranch(branch(bad));
      PlanCheck check = Runs.planOf(step).check();
      assertThat(check.problems()).as("plan.check() for '" + bad + "'").isNotEmpty();
      Throwable t = apply(step);
      assertThat(t).isInstanceOf(GitException.class).hasMessageContaining("branch name");
    }
    assertThat(apply(GitSteps.checkoutNewBranch(branch("a..b")))).hasMessageContaining("'a..b' contains '..'");
    assertThat(apply(GitSteps.checkoutNewBranch(branch("-x")))).hasMessageContaining("'-x' starts with '-'");
    assertThat(apply(GitSteps.checkoutNewBranch(branch("ctl\u0001char"))))
        .hasMessageContaining("'ctl\\u0001char' contains control characters");
    assertThat(apply(GitSteps.tag(branch("v1..0"), "HEAD"))).hasMessageContaining("tag name 'v1..0'");
  }

  @Test
  void aDirectoryThatIsNotARepositoryIsNamed() throws Exception {
    Path plain = Files.createDirectories(box.root().resolve("plain"));
    assertThatThrownBy(() -> GitAdapter.open(plain)).isInstanceOf(GitException.class)
        .hasMessageContaining("'" + plain + "' is not a Git repository");
    Path missing = box.root().resolve("missing");
    assertThatThrownBy(() -> GitAdapter.open(missing)).hasMessageContaining("'" + missing + "' does not exist");
    Path file = Files.writeString(box.root().resolve("file.txt"), "x");
    assertThatThrownBy(() -> GitAdapter.open(file)).hasMessageContaining("is not a directory");
    Path sub = Files.createDirectories(git.dir().resolve("sub"));
    assertThatThrownBy(() -> GitAdapter.open(sub)).hasMessageContaining("is inside the Git repository at '"
        + git.dir() + "'");
  }

  @Test
  void aBareRepositoryServesReadsButRefusesStepsThatNeedAWorkTree() throws Exception {
    GitCli bare = box.bare("origin.git");
    git.run("push", "-q", bare.dir().toString(), "main");
    try (GitAdapter onBare = GitAdapter.open(bare.dir())) {
      AdapterHarness run = Runs.run(onBare, "bare", bare.dir(), Sandbox.EPOCH.plusSeconds(600));
      assertThat(run.apply(GitSteps.commitMatching("P3-007").oldest()).value())
          .contains(git.rev("HEAD"));
      String branches = bare.run("for-each-ref", "refs/heads", "refs/tags");
      assertThatThrownBy(() -> run.apply(GitSteps.revert("HEAD"))).isInstanceOf(GitException.class)
          .hasMessageContaining("is bare").hasMessageContaining("needs a work tree");
      assertThat(bare.run("for-each-ref", "refs/heads", "refs/tags")).isEqualTo(branches);
    }
  }

  @Test
  void aMergeWithoutMainlineAndAMainlineOnANonMergeAreRefusedAsGitRefusesThem() {
    assertThat(apply(GitSteps.revert("HEAD", 1))).hasMessageContaining("is not a merge");
    assertThatThrownBy(() -> GitSteps.revert("HEAD", 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mainline must be 1 or more");
  }
}
