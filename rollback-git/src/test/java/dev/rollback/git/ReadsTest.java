package dev.rollback.git;

import static dev.rollback.Rollback.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.Check;
import dev.rollback.Signal;
import dev.rollback.Step;
import dev.rollback.Unit;
import dev.rollback.git.support.GitCli;
import dev.rollback.git.support.Runs;
import dev.rollback.git.support.Sandbox;
import dev.rollback.spi.CheckResult;
import dev.rollback.spi.Measurement;
import dev.rollback.testkit.AdapterHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Commit searches, file lists, revert status and signals read the history exactly as {@code git log} does. */
class ReadsTest {

  private static Sandbox box;
  private static GitCli git;
  private static GitAdapter adapter;
  private static String first;

  @BeforeAll
  static void history() {
    box = Sandbox.create();
    git = box.init("repo");
    Instant t = Sandbox.EPOCH;
    git.write("ci.yml", "a\n").commitAll("initial");
    git.at(t = t.plusSeconds(3600)).write("ci.yml", "b\n").commitAll("P3-007: first docker change");
    first = git.rev("HEAD");
    git.run("tag", "-a", "-m", "release", "v1.0");
    git.at(t = t.plusSeconds(3600)).write("docs/readme.md", "docs\n").commitAll("docs");
    git.run("config", "user.name", "Alice");
    git.at(t = t.plusSeconds(3600)).write("Dockerfile.test", "FROM x\n").commitAll("P3-007: Dockerfile\n\nbody");
    git.run("config", "user.name", "Rollback Test");
    git.at(t = t.plusSeconds(3600)).write("ci.yml", "c\n").commitAll("Fix P3-007 follow-up");
    git.run("tag", "v1.1");
    git.at(t.plusSeconds(3600)).write("other.txt", "o\n").commitAll("unrelated");
    adapter = GitAdapter.open(git.dir());
  }

  @AfterAll
  static void cleanUp() {
    adapter.close();
    box.close();
  }

  private static AdapterHarness run() {
    return Runs.run(adapter, "reads", git.dir(), Sandbox.EPOCH.plusSeconds(86_400));
  }

  private static List<String> gitLog(String... args) {
    String out = git.run(concat(new String[] {"log", "--format=%H"}, args));
    return out.isEmpty() ? List.of() : Arrays.asList(out.split("\n"));
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void theOldestMatchIsTheSeedsGitLogGrepTailOne() throws Exception {
    String seed = git.run("log", "--oneline", "--grep=P3-007").lines().reduce((a, b) -> b).orElseThrow()
        .split(" ")[0];
    AdapterHarness run = run();
    CheckResult culprit = run.evaluate(GitChecks.commitMatching("P3-007").oldest().as("culprit"));
    assertThat(culprit.passed()).isTrue();
    assertThat((String) culprit.value().orElseThrow()).startsWith(seed).isEqualTo(first);
    assertThat(run.outputs()).containsEntry("culprit", first);
    Step newest = GitSteps.commitMatching("P3-007").newest().as("latest");
    assertThat(run.apply(newest).value()).contains(gitLog("--grep=P3-007").get(0));
    assertThat(run.outputs().get("latest.subject")).isEqualTo("Fix P3-007 follow-up");
  }

  @Test
  void searchesMatchGitLogFilters() throws Exception {
    AdapterHarness run = run();
    assertThat(all(run, GitSteps.commits().matching("^P3-007"))).isEqualTo(gitLog("--grep=^P3-007"));
    assertThat(all(run, GitSteps.commits().containing("Dockerfile"))).isEqualTo(gitLog("-F", "--grep=Dockerfile"));
    assertThat(all(run, GitSteps.commits().by("Alice"))).isEqualTo(gitLog("--author=Alice"));
    assertThat(all(run, GitSteps.commits().touching(path("ci.yml")))).isEqualTo(gitLog("--", "ci.yml"));
    assertThat(all(run, GitSteps.commits().between("v1.0", "v1.1"))).isEqualTo(gitLog("v1.0..v1.1"));
    assertThat(all(run, GitSteps.commits().since(Sandbox.EPOCH.plusSeconds(3 * 3600))))
        .isEqualTo(gitLog("--since=@" + Sandbox.EPOCH.plusSeconds(3 * 3600).getEpochSecond()));
    assertThat(all(run, GitSteps.commits().until(Sandbox.EPOCH.plusSeconds(3600))))
        .isEqualTo(gitLog("--until=@" + Sandbox.EPOCH.plusSeconds(3600).getEpochSecond()));
    assertThat(all(run, GitSteps.commits().tagged("v1.*"))).containsExactly(git.rev("v1.1"), first);
    assertThat(all(run, GitSteps.commits().within(Duration.ofHours(20)))).hasSize(2);
    assertThat(all(run, GitSteps.commits().matching("nothing like this"))).isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static List<String> all(AdapterHarness run, dev.rollback.git.CommitSearch<Step> search) throws Exception {
    return (List<String>) run.apply(search.all()).value().orElseThrow();
  }

  @Test
  void noMatchFailsTheCheckAndTheStepWithTheSearchNamed() throws Exception {
    AdapterHarness run = run();
    CheckResult r = run.evaluate(GitChecks.commitMatching("P9-999").oldest());
    assertThat(r.passed()).isFalse();
    assertThat(r.summary()).contains("no commit matching /P9-999/ on HEAD");
    assertThatThrownBy(() -> run.apply(GitSteps.commitMatching("P9-999").oldest()))
        .isInstanceOf(GitException.class).hasMessageContaining("/P9-999/");
    assertThatThrownBy(() -> run.apply(GitSteps.commitMatching("(").oldest()))
        .hasMessageContaining("'(' is not a valid regular expression");
  }

  @Test
  void changedFilesAreGitDiffTreeNameOnly() throws Exception {
    AdapterHarness run = run();
    for (String rev : List.of("HEAD", "HEAD~2", git.rev("HEAD~5"))) {
      String expected = git.run("diff-tree", "--no-commit-id", "--name-only", "-r", "--root", rev);
      assertThat(run.apply(GitSteps.changedFiles(rev)).value().orElseThrow())
          .isEqualTo(Arrays.asList(expected.split("\n")));
    }
  }

  @Test
  void revertStatusFollowsRevertsOfReverts() throws Exception {
    try (Sandbox b = Sandbox.create()) {
      GitCli g = b.init("r");
      g.write("a.txt", "1\n").commitAll("base");
      g.at(Sandbox.EPOCH.plusSeconds(60)).write("a.txt", "2\n").commitAll("change");
      String change = g.rev("HEAD");
      try (GitAdapter a = GitAdapter.open(g.dir())) {
        AdapterHarness run = Runs.run(a, "s", g.dir(), Sandbox.EPOCH.plusSeconds(999));
        Check notReverted = GitChecks.notReverted(change);
        Check reverted = GitChecks.reverted(change);
        assertThat(run.evaluate(notReverted).passed()).isTrue();
        assertThat(run.evaluate(reverted).passed()).isFalse();
        g.at(Sandbox.EPOCH.plusSeconds(120)).run("revert", "--no-edit", change);
        String revert = g.rev("HEAD");
        assertThat(run.evaluate(notReverted).passed()).isFalse();
        assertThat(run.evaluate(reverted).value()).contains(revert);
        assertThat(run.apply(GitSteps.revertStatus(change)).outputs()).containsEntry("by", revert);
        g.at(Sandbox.EPOCH.plusSeconds(180)).run("revert", "--no-edit", revert);
        assertThat(run.evaluate(notReverted).passed()).as("a revert of the revert re-applies the change").isTrue();
        assertThat(run.apply(GitSteps.revertStatus(change)).value()).contains(false);
      }
    }
  }

  @Test
  void signalsCountCommitsAndAgeThemOnTheRunsClock() throws Exception {
    AdapterHarness run = run();
    Signal since = GitSignals.commitsSince("v1.0");
    Measurement m = run.measure(since);
    assertThat(m.value().getAsDouble())
        .isEqualTo(Double.parseDouble(git.run("rev-list", "--count", "v1.0..HEAD")));
    assertThat(m.unit()).isEqualTo(Unit.COUNT);
    Measurement age = run.measure(GitSignals.commitAge("HEAD"));
    assertThat(age.value().getAsDouble()).isEqualTo(86_400 - 5 * 3600);
    Measurement last = run.measure(GitSignals.ageOfLastCommitMatching("P3-007"));
    assertThat(last.value().getAsDouble()).isEqualTo(86_400 - 4 * 3600);
    assertThat(run.measure(GitSignals.ageOfLastCommitMatching("P9-999")).isKnown()).isFalse();
    assertThat(run.measure(GitSignals.commitsSince("v1.0", "v1.1")).value().getAsDouble()).isEqualTo(3);
  }

  @Test
  void aCleanWorkTreeCheckNamesTheDirtyPaths() throws Exception {
    AdapterHarness run = run();
    assertThat(run.evaluate(GitChecks.cleanWorkTree()).passed()).isTrue();
    git.write("other.txt", "dirty\n");
    try {
      CheckResult r = run.evaluate(GitChecks.cleanWorkTree());
      assertThat(r.passed()).isFalse();
      assertThat(r.evidence()).containsEntry("dirtyPaths", List.of("other.txt"));
    } finally {
      git.run("checkout", "--", "other.txt");
    }
  }

  @Test
  void aRevisionResolvesToOneCommitOrFailsTheCheck() throws Exception {
    AdapterHarness run = run();
    assertThat(run.evaluate(GitChecks.commitExists("v1.0")).value()).contains(first);
    assertThat(run.evaluate(GitChecks.commitExists("nope")).passed()).isFalse();
    assertThat(run.apply(GitSteps.resolve("HEAD~1")).value()).contains(git.rev("HEAD~1"));
  }
}
