package dev.rollback.git;

import static dev.rollback.Rollback.branch;
import static dev.rollback.Rollback.path;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.Step;
import dev.rollback.git.support.GitCli;
import dev.rollback.git.support.RandomHistory;
import dev.rollback.git.support.Runs;
import dev.rollback.git.support.Sandbox;
import dev.rollback.spi.Audit;
import dev.rollback.spi.StepResult;
import dev.rollback.testkit.AdapterHarness;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever sequence of rollback steps runs over whatever history (and whichever of them are then compensated), every
 * commit reachable before is reachable after, the work tree is clean, and the adapter's own audit agrees.
 */
class RollbackPropertyTest {

  enum Kind { REVERT, REVERT_RANGE, RESTORE, CHERRY_PICK, BRANCH, CHECKOUT_MAIN, TAG, COMMIT_NOTHING }

  record Action(Kind kind, int a, int b) {}

  @Provide
  Arbitrary<Long> seeds() {
    return Arbitraries.longs().between(1, 1_000_000);
  }

  @Provide
  Arbitrary<List<Action>> actions() {
    return Combinators.combine(Arbitraries.of(Kind.values()), Arbitraries.integers().between(0, 50),
        Arbitraries.integers().between(0, 50)).as(Action::new).list().ofMinSize(1).ofMaxSize(6);
  }

  @Property(tries = 15)
  void everyReachableCommitStaysReachableAndTheWorkTreeStaysClean(@ForAll("seeds") long seed,
      @ForAll("actions") List<Action> actions, @ForAll boolean compensate) throws Exception {
    try (Sandbox box = Sandbox.create()) {
      GitCli git = box.init("repo");
      RandomHistory h = new RandomHistory(git, seed).build(8);
      List<String> commits = h.commits();
      git.run("branch", "side", commits.get(commits.size() / 2));
      Set<String> reachableBefore = reachable(git);
      List<Step> applied = new ArrayList<>();
      List<StepResult> results = new ArrayList<>();
      try (GitAdapter adapter = GitAdapter.open(git.dir())) {
        AdapterHarness run = Runs.run(adapter, "prop-" + seed, git.dir(), Sandbox.EPOCH.plusSeconds(86_400));
        int n = 0;
        for (Action a : actions) {
          Step step = step(a, commits, h.textFiles(), n++);
          try {
            results.add(run.apply(step));
            applied.add(step);
          } catch (GitException expected) {
            // conflicts, empty reverts, existing names: refused, and nothing may have changed
          }
          assertThat(git.status()).as("work tree after " + step).isEmpty();
        }
        if (compensate) {
          for (int i = applied.size() - 1; i >= 0; i--) {
            if (adapter.steps().get(applied.get(i).kind()).canCompensate(run.context(applied.get(i)))) {
              run.compensate(applied.get(i), results.get(i));
              assertThat(git.status()).as("work tree after undoing " + applied.get(i)).isEmpty();
            }
          }
        }
        Audit audit = adapter.onRunEnd(run).orElseThrow();
        assertThat(audit.passed()).as(audit.summary()).isTrue();
      }
      Set<String> after = reachable(git);
      Set<String> lost = new HashSet<>(reachableBefore);
      lost.removeAll(after);
      assertThat(lost).as("commits no longer reachable from any ref").isEmpty();
      assertThat(git.status()).isEmpty();
      assertThat(git.tryRun("fsck", "--connectivity-only", "--no-dangling").ok()).isTrue();
    }
  }

  private static Step step(Action a, List<String> commits, List<String> files, int n) {
    String commit = commits.get(a.a() % commits.size());
    switch (a.kind()) {
      case REVERT:
        return GitSteps.revert(commit);
      case REVERT_RANGE:
        return GitSteps.revertRange(commits.get(Math.max(0, commits.size() - 1 - a.b() % 3)), "HEAD");
      case RESTORE:
        return GitSteps.restore(commit, List.of(path(files.get(a.b() % files.size()))), "restore " + n);
      case CHERRY_PICK:
        return GitSteps.cherryPick(commit);
      case BRANCH:
        return GitSteps.checkoutNewBranch(branch("rollback-" + n), commit);
      case CHECKOUT_MAIN:
        return GitSteps.checkout(branch(a.b() % 2 == 0 ? "main" : "side"));
      case TAG:
        return GitSteps.tag(branch("t" + n), commit);
      default:
        return GitSteps.commit("nothing staged " + n);
    }
  }

  private static Set<String> reachable(GitCli git) {
    String out = git.run("rev-list", "--all");
    return new HashSet<>(Arrays.asList(out.split("\n")));
  }
}
