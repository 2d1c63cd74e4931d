package dev.rollback.git;

import static dev.rollback.Rollback.branch;
import static dev.rollback.Rollback.path;
import static dev.rollback.Rollback.ref;
import static dev.rollback.Rollback.template;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.RepoPath;
import dev.rollback.Step;
import dev.rollback.git.support.GitCli;
import dev.rollback.git.support.Runs;
import dev.rollback.git.support.Sandbox;
import dev.rollback.testkit.AdapterHarness;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The seed's Git procedures, step by step through the adapter, against the seed's shell run with {@code git} on an
 * identical clone of the same origin: the same commits, the same trees, the same pushed refs.
 */
class SeedRunbookTest {

  private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");
  private static final List<String> KEY_FILES = List.of(".github/workflows/ci.yml", "docker-compose.test.yml",
      "Dockerfile.test", "scripts/run_docker_tests.sh");

  private Sandbox box;
  private GitCli origin;
  private GitCli shell;
  private GitCli lib;
  private GitAdapter adapter;
  private String first;
  private String second;

  @BeforeEach
  void project() {
    box = Sandbox.create();
    GitCli seed = box.init("seed");
    seed.write(".github/workflows/ci.yml", "jobs:\n  test:\n    run: pytest\n").write("Makefile", "quick-check:\n")
        .write("scripts/run_tests.sh", "pytest\n").commitAll("Initial import");
    seed.at(Sandbox.EPOCH.plusSeconds(60)).write("app.py", "print('hi')\n").commitAll("Add the app");
    seed.at(Sandbox.EPOCH.plusSeconds(120)).write("docker-compose.test.yml", "services:\n  test: {}\n")
        .write("Dockerfile.test", "FROM python\n").write("scripts/run_docker_tests.sh", "docker compose run test\n")
        .commitAll("P3-007: Add Docker test infrastructure");
    first = seed.rev("HEAD");
    seed.at(Sandbox.EPOCH.plusSeconds(180)).write(".github/workflows/ci.yml",
        "jobs:\n  test:\n    run: docker compose -f docker-compose.test.yml run --rm test\n")
        .commitAll("P3-007: Run CI tests in Docker");
    second = seed.rev("HEAD");
    origin = box.bare("origin.git");
    seed.run("push", "-q", origin.dir().toString(), "main");
    shell = box.clone(origin, "shell").at(AT);
    lib = box.clone(origin, "lib");
    adapter = GitAdapter.open(lib.dir());
  }

  @AfterEach
  void cleanUp() {
    adapter.close();
    box.close();
  }

  private AdapterHarness run(String id, Step... steps) throws Exception {
    AdapterHarness run = Runs.run(adapter, id, lib.dir(), AT, steps);
    adapter.onRunStart(run);
    return run;
  }

  @Test
  void theConfigurationRollbackAsTheSeedWritesItIsTheSeedsShell() throws Exception {
    String script = String.join("\n",
        "set -e",
        "LAST_STABLE_COMMIT=$(git log --oneline --grep=\"P3-007\" | tail -1 | cut -d' ' -f1)",
        "git checkout -q -b rollback-p3-007-20260302",
        "git revert --no-edit $LAST_STABLE_COMMIT > /dev/null",
        "git checkout $LAST_STABLE_COMMIT -- .github/workflows/ci.yml",
        "git checkout $LAST_STABLE_COMMIT -- docker-compose.test.yml",
        "git checkout $LAST_STABLE_COMMIT -- Dockerfile.test",
        "git checkout $LAST_STABLE_COMMIT -- scripts/run_docker_tests.sh",
        "git commit -q -m 'Restore the CI configuration'",
        "git push -q --force-with-lease=rollback-p3-007-20260302: origin rollback-p3-007-20260302");
    runBash(script);

    Step culprit = GitSteps.commitMatching("P3-007").oldest().as("culprit");
    Step create = GitSteps.checkoutNewBranch(branch("rollback-p3-007-{{run.date}}"));
    Step revert = GitSteps.revert(ref("culprit"));
    Step restore = GitSteps.restore(ref("culprit"), paths(), "Restore the CI configuration");
    Step push = GitSteps.pushWithLease("origin", branch("rollback-p3-007-{{run.date}}"));
    AdapterHarness run = run("configuration", culprit, create, revert, restore, push);
    for (Step s : List.of(culprit, create, revert, restore, push)) {
      run.apply(s);
    }
    assertThat(run.outputs().get("culprit")).isEqualTo(first);
    assertThat(lib.rev("HEAD")).as("same commits, same ids").isEqualTo(shell.rev("HEAD"));
    assertThat(origin.rev("rollback-p3-007-20260302")).isEqualTo(lib.rev("HEAD"));
    assertThat(lib.status()).isEmpty();
    // What the seed's shell does: the checkouts from the culprit put back the Docker files its revert removed.
    assertThat(lib.dir().resolve("docker-compose.test.yml")).exists();
    assertThat(lib.read(".github/workflows/ci.yml")).contains("pytest");
    assertThat(adapter.onRunEnd(run).orElseThrow().passed()).isTrue();
  }

  @Test
  void theConfigurationRollbackOfTheP3007PlanRestoresTheFilesAsBeforeP3007() throws Exception {
    Step culprit = GitSteps.commitMatching("P3-007").oldest().as("culprit");
    Step create = GitSteps.checkoutNewBranch(branch("rollback-p3-007-{{run.date}}"));
    Step revert = GitSteps.revert(ref("culprit"));
    Step restore = GitSteps.restoreExactly(template("{{culprit}}^"), paths().toArray(new RepoPath[0]));
    Step push = GitSteps.pushWithLease("origin", branch("rollback-p3-007-{{run.date}}"));
    AdapterHarness run = run("plan", culprit, create, revert, restore, push);
    for (Step s : List.of(culprit, create, revert, restore, push)) {
      run.apply(s);
    }
    for (String f : KEY_FILES) {
      assertThat(lib.run("ls-tree", "HEAD", "--", f)).as(f + " as before P3-007")
          .isEqualTo(lib.run("ls-tree", first + "^", "--", f));
    }
    assertThat(lib.dir().resolve("docker-compose.test.yml")).doesNotExist();
    assertThat(origin.rev("rollback-p3-007-20260302")).isEqualTo(lib.rev("HEAD"));
    assertThat(lib.status()).isEmpty();
  }

  @Test
  void theEmergencyRevertOfHeadTildeOneIsGitsAndRevertsTheCommitBeforeTheLast() throws Exception {
    runBash(String.join("\n", "set -e", "git checkout -q main", "git revert --no-edit HEAD~1 > /dev/null",
        "git push -q --force-with-lease origin main"));
    String shellHead = shell.rev("HEAD");
    assertThat(shell.run("log", "-1", "--format=%s")).isEqualTo("Revert \"P3-007: Add Docker test infrastructure\"");
    origin.run("update-ref", "refs/heads/main", second);

    Step checkout = GitSteps.checkout(branch("main"));
    Step revert = GitSteps.revert("HEAD~1");
    Step push = GitSteps.pushWithLease("origin", branch("main"));
    AdapterHarness run = run("emergency", checkout, revert, push);
    for (Step s : List.of(checkout, revert, push)) {
      run.apply(s);
    }
    assertThat(lib.rev("HEAD")).isEqualTo(shellHead);
    assertThat(origin.rev("main")).isEqualTo(shellHead);
  }

  @Test
  void theEmergencyOfTheP3007PlanRevertsEveryP3007CommitNewestFirstAndPushesUnderALease() throws Exception {
    runBash(String.join("\n", "set -e", "git checkout -q main", "git revert --no-edit " + second + " " + first
        + " > /dev/null"));
    Step checkout = GitSteps.checkout(branch("main"));
    Step find = GitSteps.commitMatching("P3-007").all().as("p3007");
    Step revert = GitSteps.revertAll(ref("p3007"));
    Step push = GitSteps.pushWithLease("origin", branch("main"));
    AdapterHarness run = run("emergency", checkout, find, revert, push);
    for (Step s : List.of(checkout, find, revert, push)) {
      run.apply(s);
    }
    assertThat(lib.rev("HEAD")).isEqualTo(shell.rev("HEAD"));
    assertThat(lib.rev("HEAD^{tree}")).isEqualTo(lib.rev(first + "^^{tree}"));
    assertThat(origin.rev("main")).isEqualTo(lib.rev("HEAD"));
  }

  private static List<RepoPath> paths() {
    return KEY_FILES.stream().map(f -> path(f)).toList();
  }

  /** Runs the seed's shell in the shell clone, with git's dates fixed to the run's time. */
  private void runBash(String script) {
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).directory(shell.dir().toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("GIT_"));
    pb.environment().put("HOME", box.root().resolve("home").toString());
    pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    pb.environment().put("GIT_AUTHOR_DATE", "@" + AT.getEpochSecond() + " +0000");
    pb.environment().put("GIT_COMMITTER_DATE", "@" + AT.getEpochSecond() + " +0000");
    pb.environment().put("TZ", "UTC");
    pb.redirectErrorStream(true);
    try {
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes());
      assertThat(p.waitFor()).as("the seed's shell failed:\n" + out).isZero();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
