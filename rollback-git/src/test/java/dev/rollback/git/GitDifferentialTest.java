package dev.rollback.git;

import static dev.rollback.Rollback.path;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.git.support.Differential;
import dev.rollback.git.support.GitCli;
import dev.rollback.git.support.RandomHistory;
import dev.rollback.git.support.Sandbox;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The library's revert, cherry-pick and restore against the {@code git} command line (2.39) on the same histories:
 * the same commit (tree, message and id, dates and identity being fixed) or a conflict on the same paths, in which
 * case the library leaves the repository exactly as it was.
 */
class GitDifferentialTest {

  private static final Instant AT = Sandbox.EPOCH.plusSeconds(86_400);

  private static String lines(String... lines) {
    return String.join("\n", lines) + "\n";
  }

  @Test
  void revertOfOneCommitOnALinearHistoryIsGitsRevert() throws Exception {
    try (Sandbox box = Sandbox.create()) {
      GitCli g = box.init("repo");
      g.write("ci.yml", lines("a", "b", "c", "d", "e", "f")).commitAll("base");
      g.at(Sandbox.EPOCH.plusSeconds(60)).write("ci.yml", lines("a", "B", "c", "d", "e", "f")).commitAll("P3-007: b");
      String culprit = g.rev("HEAD");
      g.at(Sandbox.EPOCH.plusSeconds(120)).write("ci.yml", lines("a", "B", "c", "d", "e", "F")).commitAll("later f");
      try (Differential d = new Differential(g, box.copy(g, "copy"))) {
        d.compare(AT, GitSteps.revert(culprit), "revert", "--no-edit", culprit);
        d.compare(AT, GitSteps.revert("HEAD~1"), "revert", "--no-edit", "HEAD~1");
        d.compare(AT, GitSteps.revert("HEAD"), "revert", "--no-edit", "HEAD");
        assertThat(d.clean).isEqualTo(3);
      }
    }
  }

  @Test
  void laterEditsOfTheSameLinesConflictOnTheSamePathsAndChangeNothing() throws Exception {
    try (Sandbox box = Sandbox.create()) {
      GitCli g = box.init("repo");
      g.write("a.txt", lines("1", "2", "3", "4", "5", "6", "7")).write("b.txt", lines("x", "y")).commitAll("base");
      g.at(Sandbox.EPOCH.plusSeconds(60)).write("a.txt", lines("1", "TWO", "3", "4", "5", "6", "7"))
          .write("b.txt", lines("x", "Y")).commitAll("change a and b");
      String culprit = g.rev("HEAD");
      g.at(Sandbox.EPOCH.plusSeconds(120)).write("a.txt", lines("1", "two!", "3", "4", "5", "6", "7"))
          .commitAll("edit the same line");
      g.at(Sandbox.EPOCH.plusSeconds(180)).write("b.txt", lines("x", "Y", "z")).commitAll("edit next to it");
      try (Differential d = new Differential(g, box.copy(g, "copy"))) {
        d.compare(AT, GitSteps.revert(culprit), "revert", "--no-edit", culprit);
        assertThat(d.conflicts).isEqualTo(1);
      }
    }
  }

  @Test
  void revertOfAMergeWithEitherMainlineIsGitsRevertDashM() throws Exception {
    try (Sandbox box = Sandbox.create()) {
      GitCli g = box.init("repo");
      g.write("main.txt", lines("m1", "m2", "m3")).write("shared.txt", lines("s1", "s2", "s3", "s4", "s5"))
          .commitAll("base");
      g.run("checkout", "-q", "-b", "feature");
      g.at(Sandbox.EPOCH.plusSeconds(60)).write("feature.txt", lines("f1")).write("shared.txt",
          lines("s1", "s2", "s3", "s4", "S5")).commitAll("P3-007: feature");
      g.run("checkout", "-q", "main");
      g.at(Sandbox.EPOCH.plusSeconds(120)).write("main.txt", lines("m1", "M2", "m3")).commitAll("main work");
      g.at(Sandbox.EPOCH.plusSeconds(180)).run("merge", "-q", "--no-ff", "-m", "Merge branch 'feature'", "feature");
      String merge = g.rev("HEAD");
      g.at(Sandbox.EPOCH.plusSeconds(240)).write("main.txt", lines("m0", "m1", "M2", "m3")).commitAll("after merge");
      try (Differential d = new Differential(g, box.copy(g, "copy"))) {
        d.compare(AT, GitSteps.revert(merge, 1), "revert", "--no-edit", "-m", "1", merge);
        d.compare(AT, GitSteps.revert(merge, 2), "revert", "--no-edit", "-m", "2", merge);
        d.compare(AT, GitSteps.revert(merge), "revert", "--no-edit", merge);
        assertThat(d.clean).isEqualTo(2);
        assertThat(d.errors).isEqualTo(1);
      }
    }
  }

  @Test
  void aChangeToAFileRenamedLaterIsRevertedInTheRenamedFile() throws Exception {
    try (Sandbox box = Sandbox.create()) {
      GitCli g = box.init("repo");
      g.write("docker-compose.test.yml", lines("services:", "  test:", "    image: a", "    cmd: x", "    env: 1",
          "    user: u")).write("x.txt", lines("x1", "x2", "x3", "x4", "x5")).commitAll("base");
      g.at(Sandbox.EPOCH.plusSeconds(60)).write("docker-compose.test.yml", lines("services:", "  test:",
          "    image: b", "    cmd: x", "    env: 1", "    user: u")).commitAll("P3-007: image b");
      String culprit = g.rev("HEAD");
      g.at(Sandbox.EPOCH.plusSeconds(120)).write("compose/.keep", "");
      g.run("mv", "docker-compose.test.yml", "compose/test.yml");
      g.write("compose/test.yml", lines("services:", "  test:", "    image: b", "    cmd: x", "    env: 2",
          "    user: u")).commitAll("move compose file and edit it");
      g.at(Sandbox.EPOCH.plusSeconds(150)).write("x.txt", lines("x1", "x2", "x3", "x4", "x5", "x6"))
          .commitAll("touch x");
      String addX = g.rev("HEAD");
      g.at(Sandbox.EPOCH.plusSeconds(180)).run("mv", "x.txt", "y.txt");
      g.commitAll("rename x to y");
      try (Differential d = new Differential(g, box.copy(g, "copy"))) {
        d.compare(AT, GitSteps.revert(culprit), "revert", "--no-edit", culprit);
        d.compare(AT, GitSteps.revert(addX), "revert", "--no-edit", addX);
        d.compare(AT, GitSteps.revert("HEAD"), "revert", "--no-edit", "HEAD");
        assertThat(d.clean).isEqualTo(3);
      }
    }
  }

  @Test
  void revertingTheAdditionOfAFileRenamedLaterIsGitsRenameDeleteConflict() throws Exception {
    try (Sandbox box = Sandbox.create()) {
      GitCli g = box.init("repo");
      g.write("keep.txt", lines("k")).commitAll("base");
      g.at(Sandbox.EPOCH.plusSeconds(60)).write("x.txt", lines("x1", "x2", "x3", "x4")).commitAll("add x");
      String add = g.rev("HEAD");
      g.at(Sandbox.EPOCH.plusSeconds(120)).run("mv", "x.txt", "y.txt");
      g.commitAll("mv x y");
      try (Differential d = new Differential(g, box.copy(g, "copy"))) {
        d.compare(AT, GitSteps.revert(add), "revert", "--no-edit", add);
        assertThat(d.conflicts).isEqualTo(1);
      }
    }
  }

  @Test
  void binaryFilesRevertCleanlyOrConflictLikeGit() throws Exception {
    try (Sandbox box = Sandbox.create()) {
      GitCli g = box.init("repo");
      g.write("logo.png", new byte[] {0, 1, 2, 3, 4}).write("data.bin", new byte[] {0, 9, 9}).commitAll("base");
      g.at(Sandbox.EPOCH.plusSeconds(60)).write("logo.png", new byte[] {0, 1, 2, 3, 5}).commitAll("new logo");
      String logo = g.rev("HEAD");
      g.at(Sandbox.EPOCH.plusSeconds(120)).write("data.bin", new byte[] {0, 8, 8}).commitAll("data 1");
      String data = g.rev("HEAD");
      g.at(Sandbox.EPOCH.plusSeconds(180)).write("data.bin", new byte[] {0, 7, 7}).commitAll("data 2");
      try (Differential d = new Differential(g, box.copy(g, "copy"))) {
        d.compare(AT, GitSteps.revert(logo), "revert", "--no-edit", logo);
        d.compare(AT, GitSteps.revert(data), "revert", "--no-edit", data);
        assertThat(d.clean).isEqualTo(1);
        assertThat(d.conflicts).isEqualTo(1);
      }
    }
  }

  @Test
  void revertingAnAlreadyRevertedCommitFailsLikeGitWithNothingToCommit() throws Exception {
    try (Sandbox box = Sandbox.create()) {
      GitCli g = box.init("repo");
      g.write("a.txt", lines("1", "2")).commitAll("base");
      g.at(Sandbox.EPOCH.plusSeconds(60)).write("a.txt", lines("1", "3")).commitAll("change");
      String c = g.rev("HEAD");
      g.at(Sandbox.EPOCH.plusSeconds(120)).run("revert", "--no-edit", c);
      try (Differential d = new Differential(g, box.copy(g, "copy"))) {
        d.compare(AT, GitSteps.revert(c), "revert", "--no-edit", c);
        assertThat(d.errors).isEqualTo(1);
      }
    }
  }

  @Test
  void aRangeIsRevertedNewestFirstOneCommitEachLikeGit() throws Exception {
    try (Sandbox box = Sandbox.create()) {
      GitCli g = box.init("repo");
      g.write("a.txt", lines("1", "2", "3", "4", "5", "6", "7", "8", "9")).commitAll("base");
      String base = g.rev("HEAD");
      g.at(Sandbox.EPOCH.plusSeconds(60)).write("a.txt", lines("1", "2b", "3", "4", "5", "6", "7", "8", "9"))
          .commitAll("P3-007: one");
      g.at(Sandbox.EPOCH.plusSeconds(120)).write("a.txt", lines("1", "2b", "3", "4", "5c", "6", "7", "8", "9"))
          .commitAll("P3-007: two");
      g.at(Sandbox.EPOCH.plusSeconds(180)).write("a.txt", lines("1", "2b", "3", "4", "5c", "6", "7", "8", "9d"))
          .commitAll("P3-007: three");
      try (Differential d = new Differential(g, box.copy(g, "copy"))) {
        d.compare(AT, GitSteps.revertRange(base, "HEAD"), "revert", "--no-edit", base + "..HEAD");
        d.compare(AT, GitSteps.revertAll("HEAD~1", "HEAD~2"), "revert", "--no-edit", "HEAD~1", "HEAD~2");
        assertThat(d.clean).isEqualTo(2);
      }
    }
  }

  @Test
  void cherryPicksAreGitsCherryPicksIncludingMergesWithAMainline() throws Exception {
    try (Sandbox box = Sandbox.create()) {
      GitCli g = box.init("repo");
      g.write("a.txt", lines("1", "2", "3", "4", "5", "6")).write("b.txt", lines("b")).commitAll("base");
      String base = g.rev("HEAD");
      g.run("checkout", "-q", "-b", "fixes");
      g.at(Sandbox.EPOCH.plusSeconds(60)).write("a.txt", lines("1", "2", "3", "4", "5", "six")).commitAll("fix six");
      String fix = g.rev("HEAD");
      g.run("checkout", "-q", "-b", "topic", base);
      g.at(Sandbox.EPOCH.plusSeconds(90)).write("t.txt", lines("t")).commitAll("topic");
      g.run("checkout", "-q", "fixes");
      g.at(Sandbox.EPOCH.plusSeconds(100)).run("merge", "-q", "--no-ff", "-m", "Merge topic", "topic");
      String merge = g.rev("HEAD");
      g.at(Sandbox.EPOCH.plusSeconds(110)).write("b.txt", lines("B")).commitAll("fix b");
      String fixB = g.rev("HEAD");
      g.run("checkout", "-q", "main");
      g.at(Sandbox.EPOCH.plusSeconds(120)).write("a.txt", lines("one", "2", "3", "4", "5", "6")).write("b.txt",
          lines("bb")).commitAll("main work");
      try (Differential d = new Differential(g, box.copy(g, "copy"))) {
        d.compare(AT, GitSteps.cherryPick(fix), "cherry-pick", fix);
        d.compare(AT, GitSteps.cherryPick(merge, 1), "cherry-pick", "-m", "1", merge);
        d.compare(AT, GitSteps.cherryPick(fixB), "cherry-pick", fixB);
        d.compare(AT, GitSteps.cherryPickAll(fix, merge), "cherry-pick", fix, merge);
        assertThat(d.clean).isEqualTo(2);
        assertThat(d.conflicts).isEqualTo(1);
        assertThat(d.errors).isEqualTo(1);
      }
    }
  }

  @Test
  void restoreIsGitCheckoutOfThePathsFollowedByACommit() throws Exception {
    try (Sandbox box = Sandbox.create()) {
      GitCli g = box.init("repo");
      g.write(".github/workflows/ci.yml", lines("direct pytest")).write("scripts/run.sh", lines("pytest"))
          .write("scripts/other.sh", lines("o")).write("Dockerfile.test", lines("FROM a")).commitAll("stable");
      String stable = g.rev("HEAD");
      g.at(Sandbox.EPOCH.plusSeconds(60)).write(".github/workflows/ci.yml", lines("docker compose run test"))
          .write("scripts/run.sh", lines("docker")).write("scripts/docker.sh", lines("new"))
          .write("Dockerfile.test", lines("FROM b")).commitAll("P3-007: docker");
      String msg = "Restore CI configuration";
      try (Differential d = new Differential(g, box.copy(g, "copy"))) {
        d.compare(AT, GitSteps.restore(stable, List.of(path(".github/workflows/ci.yml"), path("Dockerfile.test")),
            msg), "checkout", stable, "--", ".github/workflows/ci.yml", "Dockerfile.test", "&&", "commit", "-q", "-m",
            msg);
        d.compare(AT, GitSteps.restore(stable, List.of(path("scripts")), msg), "checkout", stable, "--", "scripts",
            "&&", "commit", "-q", "-m", msg);
        d.compare(AT, GitSteps.restore(stable, List.of(path("scripts/docker.sh")), msg), "checkout", stable, "--",
            "scripts/docker.sh", "&&", "commit", "-q", "-m", msg);
        d.compare(AT, GitSteps.restoreExactly(stable, path("scripts")).with("message", msg), "restore",
            "--source=" + stable, "--staged", "--worktree", "--", "scripts", "&&", "commit", "-q", "-m", msg);
        assertThat(d.clean).isEqualTo(3);
        assertThat(d.errors).isEqualTo(1);
      }
    }
  }

  /** Four fixed seeds; {@code -Ddifferential.seeds=N} (and {@code -Ddifferential.from=M}) explores seeds M..N. */
  static java.util.stream.LongStream seeds() {
    long n = Long.getLong("differential.seeds", 0);
    long from = Long.getLong("differential.from", 1);
    return n > 0 ? java.util.stream.LongStream.rangeClosed(from, n) : java.util.stream.LongStream.of(1, 7, 42, 2026);
  }

  @ParameterizedTest(name = "seed {0}")
  @org.junit.jupiter.params.provider.MethodSource("seeds")
  void randomHistoriesGiveGitsTreesOrGitsConflicts(long seed) throws Exception {
    try (Sandbox box = Sandbox.create()) {
      GitCli g = box.init("repo");
      RandomHistory h = new RandomHistory(g, seed).build(14);
      List<String> commits = h.commits();
      GitCli copy = box.copy(g, "copy");
      String early = commits.get(2);
      try (Differential d = new Differential(g, copy)) {
        for (String c : commits.subList(1, commits.size())) {
          if (h.merges().contains(c)) {
            d.compare(AT, GitSteps.revert(c, 1), "revert", "--no-edit", "-m", "1", c);
          } else {
            d.compare(AT, GitSteps.revert(c), "revert", "--no-edit", c);
          }
        }
        for (String f : h.textFiles()) {
          d.compare(AT, GitSteps.restore(early, List.of(path(f)), "restore " + f), "checkout", early, "--", f, "&&",
              "commit", "-q", "-m", "restore " + f);
        }
        assertThat(d.clean).isPositive();
        assertThat(d.conflicts).isPositive();
      }
      g.run("checkout", "-q", "-B", "old", early);
      copy.run("checkout", "-q", "-B", "old", early);
      try (Differential d = new Differential(g, copy)) {
        for (String c : commits.subList(3, commits.size())) {
          if (h.merges().contains(c)) {
            d.compare(AT, GitSteps.cherryPick(c, 1), "cherry-pick", "-m", "1", c);
          } else {
            d.compare(AT, GitSteps.cherryPick(c), "cherry-pick", c);
          }
        }
        assertThat(d.clean + d.conflicts).isPositive();
      }
    }
  }
}
