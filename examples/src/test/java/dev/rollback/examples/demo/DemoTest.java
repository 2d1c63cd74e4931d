package dev.rollback.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.examples.cli.DemoVerb;
import dev.rollback.examples.cli.RollbackCli;
import dev.rollback.report.RollbackReport.StepStatus;
import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import dev.rollback.spi.CheckResult;
import dev.rollback.testkit.FakeRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./rollback demo}, run in this JVM with no Docker engine reachable (DOCKER_HOST names a socket nobody
 * listens on): it exits 0, the origin's main holds the revert of both P3-007 commits, every original commit is still
 * reachable, the simulated GitHub's runs in progress were cancelled and the CI run dispatched after the rollback
 * passed, the notifications exist, the Docker parts say they were skipped and why, and a second demo gives the same
 * report but for the run id and the sandbox's path.
 */
class DemoTest {

  @TempDir
  Path dir;

  private static final class Outcome {
    int status;
    String out;
    String progress;
  }

  private Outcome demo(Path sandbox) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    Map<String, String> env = Map.of("DOCKER_HOST", "unix://" + dir.resolve("no-engine.sock"), "HOME",
        dir.toString());
    int status;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream p = new PrintStream(progress, true, StandardCharsets.UTF_8)) {
      status = new DemoVerb(env, p).run(List.of("--dir", sandbox.toString()), o);
      assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }
    Outcome r = new Outcome();
    r.status = status;
    r.out = out.toString(StandardCharsets.UTF_8);
    r.progress = progress.toString(StandardCharsets.UTF_8);
    return r;
  }

  @Test
  void theDemoRollsBackP3007OnOriginCancelsCiRunsAndPassesTheRerunWithoutDocker() throws Exception {
    Path sandbox = dir.resolve("one");
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    Demo.Result r;
    try (PrintStream o = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      r = Demo.builder().directory(sandbox).environment(Map.of("DOCKER_HOST", "unix://" + dir.resolve("dead.sock")))
          .out(o).progress(o).build().run();
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    RollbackReport report = r.report();

    assertThat(report.status()).as(report.summary()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(report.decision().orElseThrow().severity()).hasValue("critical");
    assertThat(report.decision().orElseThrow().explanation()).startsWith("critical: trigger ci-broken:"
        + " ci_failure_streak = 4 >= 3");
    assertThat(report.procedure()).hasValue("emergency");

    try (Git origin = Git.open(sandbox.resolve("origin.git").toFile())) {
      Repository repo = origin.getRepository();
      try (RevWalk walk = new RevWalk(repo)) {
        RevCommit main = walk.parseCommit(repo.resolve("refs/heads/main"));
        RevCommit stable = walk.parseCommit(ObjectId.fromString(r.sandboxRepository().stableCommit()));
        assertThat(main.getTree()).as("origin's main has the files of the last commit before P3-007")
            .isEqualTo(stable.getTree());
        assertThat(main.getShortMessage()).isEqualTo("Revert \"P3-007: Add Docker test infrastructure\"");
        assertThat(walk.parseCommit(main.getParent(0)).getShortMessage())
            .isEqualTo("Revert \"P3-007: Run CI tests in Docker\"");
        Set<String> reachable = new HashSet<>();
        walk.reset();
        walk.markStart(main);
        walk.forEach(c -> reachable.add(c.name()));
        assertThat(reachable).as("every original commit is still reachable from origin's main")
            .contains(r.sandboxRepository().head()).hasSize(302 + 2);
      }
    }
    assertThat(report.audits()).anySatisfy(a -> {
      assertThat(a.adapter()).isEqualTo("git");
      assertThat(a.passed()).isTrue();
      assertThat(a.evidence()).containsEntry("commitsLost", 0L);
    });

    List<FakeRun> runs = r.github().workflow("ci.yml").runs();
    assertThat(runs.stream().filter(x -> x.conclusion().equals(java.util.Optional.of("cancelled"))))
        .hasSize(2).allMatch(x -> x.headSha().equals(r.sandboxRepository().head()));
    FakeRun rerun = runs.get(runs.size() - 1);
    assertThat(rerun.event()).isEqualTo("workflow_dispatch");
    assertThat(rerun.conclusion()).hasValue("success");
    assertThat(rerun.headSha()).as("CI ran on the revert pushed to main")
        .isEqualTo(r.report().step("push --force-with-lease origin main").orElseThrow().value().orElseThrow());
    assertThat(r.github().issues()).extracting(i -> i.title()).containsExactly("P3-007 Rollback Notification");
    assertThat(r.github().issue(1).body()).contains("rolled back due to CI completely broken",
        "Test execution time: 118s").doesNotContain("{{");

    String chat = Files.readString(r.notifications().resolve(report.runId() + "-rollback-notification.md"));
    assertThat(chat).startsWith("# P3-007 Rollback Notification\n\n## Summary\nDocker CI test execution has been"
        + " rolled back due to CI completely broken, blocking all deployments (critical: trigger ci-broken:"
        + " ci_failure_streak = 4 >= 3).").contains("- Issue detected: 2026-01-17T22:55:00Z\n",
        "- Fix timeline: to be estimated by the root cause analysis\n");
    assertThat(Files.readString(r.runbook())).startsWith("# P3-007 Docker CI test execution");
    assertThat(Files.readString(r.incidentReport())).isEqualTo(report.toMarkdown());
    assertThat(report.toMarkdown()).as("the incident report opens with a gantt chart of the run").contains(
        "```mermaid\ngantt\n",
        "    #68;etected:milestone, t1, 2026-01-17T22:55:00.000, 0ms\n",
        "    #84;ime to rollback (9m00s):done, t2, 2026-01-17T22:55:00.000, 2026-01-17T23:04:00.000\n",
        "    #68;eadline, MET:done, milestone, t3, 2026-01-17T23:55:00.000, 0ms\n",
        "    #65;wait the CI run (4m00s):done, ");
    assertThat(report.toMarkdown().indexOf("```mermaid")).isLessThan(report.toMarkdown().indexOf("| Run |"));
    assertThat(r.journal().resolve(report.runId() + ".jsonl")).exists();

    assertThat(r.dockerSkipped()).hasValueSatisfying(why -> assertThat(why).contains("dead.sock"));
    assertThat(report.health()).filteredOn(c -> c.kind().startsWith("docker.")).singleElement()
        .satisfies(c -> assertThat(c.status()).isEqualTo(CheckResult.Status.SKIPPED));
    assertThat(report.steps()).noneMatch(s -> s.status() == StepStatus.FAILED);
    assertThat(out).contains("simulated GitHub at http://127.0.0.1:",
        "Approvals: automatic, as demo-maintainer",
        "Docker:    no engine answered, so the Docker checks and signals were skipped: ");
    List<String> tail = out.lines().collect(Collectors.toList());
    tail = tail.subList(tail.size() - 5, tail.size());
    assertThat(tail.get(0)).isEqualTo("Sandbox: " + sandbox.toAbsolutePath());
    assertThat(tail.get(1)).startsWith("  journal:         " + r.journal());
    assertThat(tail.get(2)).isEqualTo("  runbook:         " + r.runbook());
    assertThat(tail.get(3)).isEqualTo("  incident report: " + r.incidentReport());
    assertThat(out).doesNotContain(Demo.TOKEN);
  }

  @Test
  void twoDemosGiveTheSameReportButForTheRunIdAndTheSandboxPath() {
    Outcome first = demo(dir.resolve("first"));
    Outcome second = demo(dir.resolve("second"));

    assertThat(first.status).as(first.out).isZero();
    assertThat(second.status).isZero();
    assertThat(first.progress).contains("adapter docker is unavailable; its steps and checks are skipped, as asked:",
        "no-engine.sock");
    assertThat(normalize(first.out, dir.resolve("first"))).isEqualTo(normalize(second.out, dir.resolve("second")));
  }

  /**
   * The demo's output with what differs between two demos replaced: the run id (random), the sandbox's path, and
   * the simulated GitHub's port.
   */
  private static String normalize(String out, Path sandbox) {
    String runId = out.lines().filter(l -> l.startsWith("| Run | `")).findFirst().orElseThrow()
        .replaceAll("^\\| Run \\| `([^`]+)`.*$", "$1");
    return out.replace(runId, "<run>").replace(sandbox.toAbsolutePath().toString(), "<sandbox>")
        .replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:<port>");
  }

  @Test
  void theLauncherListsTheDemo() {
    assertThat(RollbackCli.usage()).contains("  demo [fleet|culprit] [--dir DIR]");
  }
}
