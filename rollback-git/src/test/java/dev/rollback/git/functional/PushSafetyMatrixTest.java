package dev.rollback.git.functional;

import static dev.rollback.Rollback.branch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.Step;
import dev.rollback.git.GitAdapter;
import dev.rollback.git.GitException;
import dev.rollback.git.GitSteps;
import dev.rollback.git.support.GitCli;
import dev.rollback.git.support.Runs;
import dev.rollback.git.support.Sandbox;
import dev.rollback.spi.Audit;
import dev.rollback.testkit.AdapterHarness;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The push safety matrix: when the remote moved × what the push does × how the clone was made. In every cell the
 * library's push is compared with {@code git push --force-with-lease} and with
 * {@code git push --force-with-lease --force-if-includes}, each on its own identical copy of the repositories (same
 * commits, same ids): the library refuses wherever either refuses, and where it pushes, no commit that any ref of the
 * remote held before is lost ({@code git rev-list --all} on the remote, plus the clone's refs and backups).
 */
class PushSafetyMatrixTest {

  /** When someone else pushed to origin. */
  enum Moved { NEVER, BEFORE_RUN_NOT_FETCHED, BEFORE_RUN_FETCHED, BETWEEN_ASSESSMENT_AND_PUSH }

  /** What the local branch holds and which step pushes it. */
  enum Push { FAST_FORWARD, REWRITE_WITHOUT_SAYING_SO, REWRITE_SAID_IN_THE_PLAN }

  /** How the clone was made. */
  enum Clone { FULL, SHALLOW_DEPTH_1 }

  static Stream<Arguments> cells() {
    List<Arguments> out = new ArrayList<>();
    for (Moved m : Moved.values()) {
      for (Push p : Push.values()) {
        for (Clone c : Clone.values()) {
          out.add(Arguments.of(m, p, c, expectPushed(m, p)));
        }
      }
    }
    return out.stream();
  }

  /**
   * The library's verdict, cell by cell: it pushes only when the remote is where the clone last saw it and the
   * push either fast-forwards it or says that it rewrites history.
   */
  private static boolean expectPushed(Moved m, Push p) {
    if (m != Moved.NEVER) {
      // Not fetched, or moved after assessment: the lease is stale. Fetched: the push is not a fast-forward of
      // their commit, and a rewrite would drop a commit this clone never integrated (--force-if-includes).
      return false;
    }
    return p != Push.REWRITE_WITHOUT_SAYING_SO;
  }

  /**
   * One copy of the world: a bare origin with history, our clone with its local change, their clone. Our clone was
   * made before the last release and pulled it, as a working clone is (so its remote-tracking ref has a reflog,
   * which git's {@code --force-if-includes} reads).
   */
  private record World(Sandbox box, GitCli origin, GitCli ours, GitCli theirs) {}

  private static World world(Clone clone, Push push) {
    Sandbox box = Sandbox.create();
    GitCli seed = box.init("seed");
    for (int i = 0; i < 5; i++) {
      seed.at(Sandbox.EPOCH.plusSeconds(60L * i)).write("app.txt", "version " + i + "\n").commitAll("release " + i);
    }
    GitCli origin = box.bare("origin.git");
    seed.run("push", "-q", origin.dir().toString(), "main");
    GitCli ours = clone == Clone.FULL ? box.clone(origin, "ours") : box.shallowClone(origin, "ours", 1);
    seed.at(Sandbox.EPOCH.plusSeconds(300)).write("app.txt", "version 5\n").commitAll("release 5");
    seed.run("push", "-q", origin.dir().toString(), "main");
    ours.at(Sandbox.EPOCH.plusSeconds(500)).run("pull", "-q", "--ff-only");
    GitCli theirs = box.clone(origin, "theirs");
    ours.at(Sandbox.EPOCH.plusSeconds(1_000));
    if (push == Push.FAST_FORWARD) {
      ours.write("ours.txt", "our fix\n").commitAll("our fix");
    } else {
      ours.write("app.txt", "version 5, fixed\n").run("commit", "-q", "-a", "--amend", "-m", "release 5, fixed");
    }
    return new World(box, origin, ours, theirs);
  }

  private static void theyPush(World w) {
    w.theirs.at(Sandbox.EPOCH.plusSeconds(2_000)).write("theirs.txt", "their hotfix\n").commitAll("their hotfix");
    w.theirs.run("push", "-q", "origin", "main");
  }

  private static Set<String> revList(GitCli git, String... refs) {
    List<String> args = new ArrayList<>(List.of("rev-list"));
    args.addAll(Arrays.asList(refs));
    String out = git.run(args.toArray(new String[0]));
    return out.isEmpty() ? new HashSet<>() : new HashSet<>(Arrays.asList(out.split("\n")));
  }

  /** What {@code git push} does on an identical copy: whether it pushed. */
  private static boolean gitPushes(Moved moved, Push push, Clone clone, String originStart, String oursStart,
      String... flags) {
    World w = world(clone, push);
    try (Sandbox ignored = w.box) {
      assertThat(w.origin.rev("main")).as("identical copies").isEqualTo(originStart);
      assertThat(w.ours.rev("main")).as("identical copies").isEqualTo(oursStart);
      if (moved != Moved.NEVER) {
        theyPush(w);
      }
      if (moved == Moved.BEFORE_RUN_FETCHED) {
        w.ours.run("fetch", "-q", "origin");
      }
      Set<String> before = revList(w.origin, "--all");
      List<String> args = new ArrayList<>(List.of("push", "-q"));
      args.addAll(Arrays.asList(flags));
      args.addAll(List.of("origin", "main"));
      boolean pushed = w.ours.tryRun(args.toArray(new String[0])).ok();
      if (pushed) {
        assertThat(w.origin.rev("main")).isEqualTo(w.ours.rev("main"));
      } else {
        assertThat(revList(w.origin, "--all")).isEqualTo(before);
      }
      return pushed;
    }
  }

  @ParameterizedTest(name = "remote moved {0}, push {1}, clone {2}: library pushes = {3}")
  @MethodSource("cells")
  void theLibraryRefusesWhereGitRefusesAndNeverLosesACommit(Moved moved, Push push, Clone clone,
      boolean expectPushed) throws Exception {
    World w = world(clone, push);
    try (Sandbox box = w.box; GitAdapter adapter = GitAdapter.open(w.ours.dir())) {
      String ourMain = w.ours.rev("main");
      String originStart = w.origin.rev("main");
      if (moved == Moved.BEFORE_RUN_NOT_FETCHED || moved == Moved.BEFORE_RUN_FETCHED) {
        theyPush(w);
      }
      Step pushStep = push == Push.REWRITE_SAID_IN_THE_PLAN ? GitSteps.pushRewritingHistory("origin", branch("main"))
          : GitSteps.pushWithLease("origin", branch("main"));
      Step fetch = GitSteps.fetch("origin");
      AdapterHarness run = moved == Moved.BEFORE_RUN_FETCHED
          ? Runs.run(adapter, "matrix", w.ours.dir(), Sandbox.EPOCH.plusSeconds(3_000), fetch, pushStep)
          : Runs.run(adapter, "matrix", w.ours.dir(), Sandbox.EPOCH.plusSeconds(3_000), pushStep);
      run.onRunStart();
      if (moved == Moved.BETWEEN_ASSESSMENT_AND_PUSH) {
        theyPush(w);
      }
      if (moved == Moved.BEFORE_RUN_FETCHED) {
        run.apply(fetch);
      }
      String originBefore = w.origin.rev("main");
      Set<String> remoteBefore = revList(w.origin, "--all");
      boolean pushed;
      String refusal = null;
      try {
        run.apply(pushStep);
        pushed = true;
      } catch (GitException e) {
        pushed = false;
        refusal = e.getMessage();
      }

      boolean gitLease = gitPushes(moved, push, clone, originStart, ourMain, "--force-with-lease");
      boolean gitLeaseIncludes = gitPushes(moved, push, clone, originStart, ourMain,
          "--force-with-lease", "--force-if-includes");
      String cell = moved + " x " + push + " x " + clone + " (git --force-with-lease pushed: " + gitLease
          + ", with --force-if-includes: " + gitLeaseIncludes + "; refusal: " + refusal + ")";
      assertThat(pushed).as(cell).isEqualTo(expectPushed);
      if (!gitLease || !gitLeaseIncludes) {
        assertThat(pushed).as("git refuses, so must we: " + cell).isFalse();
      }

      Set<String> kept = revList(w.origin, "--all");
      kept.addAll(revList(w.ours, "--all"));
      Set<String> lost = new HashSet<>(remoteBefore);
      lost.removeAll(kept);
      assertThat(lost).as("commits the remote held before, now on no ref of it nor in a backup: " + cell).isEmpty();
      if (pushed) {
        assertThat(w.origin.rev("main")).isEqualTo(ourMain);
        assertThat(w.ours.rev("refs/rollback/matrix/remote/origin/refs/heads/main")).as("the remote's old tip, kept")
            .isEqualTo(originBefore);
      } else {
        assertThat(w.origin.rev("main")).as("nothing overwritten: " + cell).isEqualTo(originBefore);
        assertThat(w.ours.rev("main")).as("the local branch as it was").isEqualTo(ourMain);
        assertThat(refusal).contains("nothing was overwritten");
      }
      Audit audit = adapter.onRunEnd(run).orElseThrow();
      assertThat(audit.passed()).as(audit.summary()).isTrue();
      assertThat(audit.evidence()).containsEntry("commitsLost", 0).containsEntry("remoteCommitsLost", 0L);
      if (pushed && push == Push.REWRITE_SAID_IN_THE_PLAN) {
        assertThat(((Number) audit.evidence().get("remoteCommitsKeptOnlyByBackups")).longValue())
            .as("the rewritten tip is kept only by the backup: " + audit.summary()).isEqualTo(1);
        assertThat(audit.summary()).contains("kept only by the backups");
      }
    }
  }
}
