package dev.rollback.benchmarks;

import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.procedure;

import dev.rollback.Check;
import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.Step;
import dev.rollback.examples.sandbox.Sandbox;
import dev.rollback.examples.sandbox.SandboxSpec;
import dev.rollback.git.GitAdapter;
import dev.rollback.git.GitChecks;
import dev.rollback.git.GitSteps;
import dev.rollback.spi.CheckResult;
import dev.rollback.spi.StepPreview;
import dev.rollback.testkit.AdapterHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The Git adapter on the benchmark history (10,000 commits, 3,000 files, a bare origin): the preview of reverting
 * the P3-007 culprit, computed in memory (merge, resulting tree, diffstat) after the preview's look at the work
 * tree; finding the culprit as the seed does ({@code git log --grep=P3-007 | tail -1}, all 10,000 commits read);
 * and the clean-work-tree check over the 3,000 tracked files.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar GitRevertPreviewBenchmark -f 1 -wi 5 -i 10
 * </pre>
 *
 * <p>Generating the history takes about ten seconds per fork; with {@code -Dbench.repo=<dir>} (which
 * {@code scripts/bench.sh --jmh} passes) a fork copies the repository the script generated once instead.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class GitRevertPreviewBenchmark {

  /** Commits before the P3-007 change. */
  @Param({"10000"})
  public int commits;

  private Path dir;
  private GitAdapter adapter;
  private Step revert;
  private Check culprit;
  private Check clean;
  private RollbackPlan plan;
  private Path work;
  private int runs;

  /** Creates the benchmark; JMH calls {@link #setUp()}. */
  public GitRevertPreviewBenchmark() {}

  /**
   * Generates the history and opens the adapter.
   *
   * @throws IOException when the history cannot be written
   */
  @Setup
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("rollback-git-bench-");
    String cached = System.getProperty("bench.repo");
    String culpritId;
    if (cached != null && commits == SandboxSpec.benchmark().commits()) {
      // scripts/bench.sh --jmh passes the repository it generated once: copied, not generated again per fork.
      work = Workspaces.fresh(Path.of(cached), dir.resolve("sandbox"));
      culpritId = Workspaces.git(work, "log", "--format=%H", "--grep=^P3-007", "--reverse").split("\n")[0];
    } else {
      Sandbox sandbox = Sandbox.create(dir.resolve("sandbox"), SandboxSpec.benchmark().withCommits(commits));
      work = sandbox.work();
      culpritId = sandbox.changeCommits().get(0);
    }
    adapter = GitAdapter.open(work);
    revert = GitSteps.revert(culpritId);
    culprit = GitChecks.commitMatching("P3-007").oldest();
    clean = GitChecks.cleanWorkTree();
    plan = Rollback.plan("preview").procedure(procedure("p").phase(phase("revert").step(revert))).build();
  }

  /**
   * Removes the history.
   *
   * @throws IOException when it cannot be deleted
   */
  @TearDown
  public void tearDown() throws IOException {
    adapter.close();
    Workspaces.delete(dir);
  }

  /**
   * Previews the revert of the culprit: the work-tree check, then the revert computed in memory, with the
   * resulting tree and diffstat; nothing is written.
   *
   * @return the preview
   * @throws Exception when the preview fails
   */
  @Benchmark
  public StepPreview revertPreview() throws Exception {
    AdapterHarness run = run("preview-" + runs++);
    StepPreview p = run.preview(revert);
    run.onRunEnd();
    if (p.failure().isPresent()) {
      throw new IllegalStateException(p.failure().get());
    }
    return p;
  }

  /**
   * Finds the oldest commit whose message mentions P3-007, reading every commit.
   *
   * @return the check's result
   * @throws Exception when the search fails
   */
  @Benchmark
  public CheckResult findCulprit() throws Exception {
    return run("find").evaluate(culprit);
  }

  /**
   * Checks that the 3,000 tracked files hold no uncommitted change.
   *
   * @return the check's result
   * @throws Exception when the check fails
   */
  @Benchmark
  public CheckResult cleanWorkTree() throws Exception {
    return run("clean").evaluate(clean);
  }

  /** A preview of the plan in the work tree, calling the adapter as the executor's preview does. */
  private AdapterHarness run(String id) {
    return AdapterHarness.builder(adapter).runId(id).plan(plan).workspace(work).dryRun(true).build();
  }
}
