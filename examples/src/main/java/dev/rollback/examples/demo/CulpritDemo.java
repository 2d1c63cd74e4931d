package dev.rollback.examples.demo;

import static dev.rollback.Rollback.branch;
import static dev.rollback.Rollback.declared;
import static dev.rollback.Rollback.hours;
import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.procedure;
import static dev.rollback.Rollback.ref;
import static dev.rollback.Rollback.severity;
import static dev.rollback.Rollback.single;
import static dev.rollback.github.GitHubSignals.workflow;

import dev.rollback.Command;
import dev.rollback.RollbackPlan;
import dev.rollback.git.Culprits;
import dev.rollback.git.GitAdapter;
import dev.rollback.git.GitBisect;
import dev.rollback.git.GitChecks;
import dev.rollback.git.GitSteps;
import dev.rollback.github.GitHubAdapter;
import dev.rollback.github.GitHubChecks;
import dev.rollback.github.GitHubTarget;
import dev.rollback.github.RunFilter;
import dev.rollback.report.RollbackReport;
import dev.rollback.run.Approvers;
import dev.rollback.run.Journal;
import dev.rollback.run.ManualClock;
import dev.rollback.run.Progress;
import dev.rollback.run.RollbackExecutor;
import dev.rollback.run.RunOptions;
import dev.rollback.testkit.FakeGitHub;
import dev.rollback.testkit.FakeWorkflow;
import dev.rollback.testkit.RunScript;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;

/**
 * {@code rollback demo culprit}: which commit broke CI? A sandbox with a generated 1,000-commit history whose probe is
 * {@code make test}, a culprit planted among the last 200 commits, an untestable commit ({@code make test} exits 125)
 * and a simulated GitHub whose CI failed once by a flake earlier and has been red since the culprit. The plan takes
 * the suspects from CI history, confirms the red, bisects, checks the guardrails, reverts with trailers, proves
 * {@code make test} passes on the revert and pushes under the lease. It prints {@code Culprit: <id>} and
 * {@code Probes: <n>}; the sandbox holds {@code planted-culprit.txt}.
 */
public final class CulpritDemo {

  static final int COMMITS = 1_000;
  private static final String REPOSITORY = "acme/sample-service";
  private static final String TOKEN = "ghp_demoSandboxToken0123456789abcdefABCD";
  private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

  private final Path directory;
  private final PrintStream out;
  private final PrintStream progress;

  /**
   * A demo.
   *
   * @param directory the sandbox (an empty or missing folder), or {@code null} for a new temporary one
   * @param out where the narration goes
   * @param progress where the progress display goes
   */
  public CulpritDemo(Path directory, PrintStream out, PrintStream progress) {
    this.directory = directory;
    this.out = out;
    this.progress = progress;
  }

  /** What the demo made and found. */
  record Outcome(Path sandbox, String planted, RollbackReport report) {}

  /** The plan: suspects from CI, bisection, guardrails, revert, proof, push. */
  static RollbackPlan plan() {
    RunFilter ci = workflow("ci.yml").onBranch("main");
    Command test = Command.of("make", "test");
    return dev.rollback.Rollback.plan("Find and revert the commit that broke CI")
        .severity(severity("high").description("CI on main is red").when(declared("ci-red"))
            .rollbackWithin(hours(4)).approval(single("maintainer")))
        .checklist(
            GitHubChecks.suspects(ci).as("suspects").named("Suspects: last green CI run .. first red"),
            GitHubChecks.stillRed(ci).named("Guardrail: CI is still red"),
            GitBisect.range(ref("suspects")).probe(test).confirmations(1).check().as("culprit")
                .named("Confirm the red and bisect with make test"),
            Culprits.guardrails().check(ref("culprit")).named("Guardrails for an automatic revert"))
        .procedure(procedure("auto-revert")
            .phase(phase("Revert the culprit")
                .step(Culprits.revert(ref("culprit"), "CI history (ci.yml) + git bisect --first-parent, make test"))
                .validate(Culprits.probePasses("HEAD", test).named("make test passes on the revert")))
            .phase(phase("Push")
                .step(GitSteps.pushWithLease("origin", branch("main")))
                .validate(GitChecks.commitExists("HEAD"))))
        .build();
  }

  /**
   * Builds the sandbox and runs the plan.
   *
   * @return the exit status: 0 when the culprit was reverted and pushed
   * @throws IOException when the sandbox cannot be made
   */
  public int run() throws IOException {
    return run(true).report().status() == dev.rollback.report.RunStatus.SUCCEEDED ? 0 : 1;
  }

  Outcome run(boolean print) throws IOException {
    Path root = (directory != null ? directory : Files.createTempDirectory("rollback-culprit-")).toAbsolutePath()
        .normalize();
    Files.createDirectories(root);
    out.println("Rollback demo: which commit broke CI? Culprit finding, end to end, in a sandbox.");
    out.println();
    History h = History.write(root.resolve("origin.git"), root.resolve("work"), 20260301L);
    Files.writeString(root.resolve("planted-culprit.txt"), h.commits.get(h.culprit) + "\n", StandardCharsets.UTF_8);
    out.println("Sandbox:   " + root);
    out.println("           work/ is a clone of origin.git/: " + COMMITS + " commits; `make test` is the probe;"
        + " a culprit is planted among the last 200 (planted-culprit.txt), commit " + h.untestable
        + " cannot be tested (exit 125)");
    Instant now = h.time(COMMITS - 1).plus(Duration.ofMinutes(30));
    out.println("           CI ran on every 40th commit: green up to commit " + h.lastGreen + " (a flaky red at "
        + h.flaky + "), red from commit " + h.firstRed + " on");
    ManualClock clock = ManualClock.at(now);
    RollbackReport report;
    try (FakeGitHub fake = FakeGitHub.builder().clock(clock).requireToken(TOKEN).start()) {
      var repo = fake.repository(REPOSITORY);
      repo.branch("main", h.commits.get(COMMITS - 1));
      seedCi(repo.workflow("ci.yml").named("CI"), h);
      out.println("GitHub:    simulated GitHub at " + fake.baseUrl() + " (contract-checked): CI on main was green,"
          + " failed once by a flake at commit " + h.flaky + ", green again, and red since the culprit");
      out.println();
      GitHubAdapter github = GitHubAdapter.builder(GitHubTarget.of(REPOSITORY).baseUrl(fake.baseUrl()))
          .token(TOKEN).clock(clock).sleeper(clock).build();
      try (RollbackExecutor executor = RollbackExecutor.builder()
          .workspace(h.work)
          .adapter(GitAdapter.open(h.work).withIdentity("Rollback Bot", "rollback-bot@example.invalid"))
          .adapter(github)
          .journal(Journal.directory(root.resolve("journal")))
          .approver(Approvers.automatic("demo-maintainer", "the culprit demo approves by itself"))
          .listener(Progress.console(progress))
          .clock(clock).sleeper(clock).build()) {
        report = executor.run(plan(), RunOptions.defaults().withDeclared("ci-red"));
      }
      fake.assertNoViolations();
    }
    Files.writeString(root.resolve("incident-report.md"), report.toMarkdown(), StandardCharsets.UTF_8);
    var bisect = report.checklist().stream().filter(c -> c.kind().equals(GitBisect.BISECT)).findFirst()
        .orElseThrow();
    out.println("Probes (make test in a scratch checkout of each commit; the confirmation of the red first):");
    Object confirmations = bisect.evidence().get("confirmations");
    if (confirmations instanceof List) {
      for (Object c : (List<?>) confirmations) {
        out.println("  confirm " + line(c));
      }
    }
    Object verdicts = bisect.evidence().get("verdicts");
    int n = 0;
    if (verdicts instanceof List) {
      for (Object v : (List<?>) verdicts) {
        out.println("  probe " + (++n) + ": " + line(v));
      }
    }
    for (var c : report.checklist()) {
      out.println(c.status() + "  " + c.name() + ": " + c.summary());
    }
    out.println();
    out.println("Run: " + report.status() + " — " + report.summary());
    Object culprit = report.outputs().get("culprit");
    out.println("Culprit: " + (culprit == null ? "none" : culprit));
    out.println("Probes: " + bisect.evidence().getOrDefault("probes", 0L));
    out.println("Planted: " + h.commits.get(h.culprit) + " (planted-culprit.txt)");
    out.println("Incident report: " + root.resolve("incident-report.md"));
    out.flush();
    return new Outcome(root, h.commits.get(h.culprit), report);
  }

  private static String line(Object verdict) {
    if (verdict instanceof Map) {
      Map<?, ?> m = (Map<?, ?>) verdict;
      return m.get("commit") + " " + m.get("verdict") + " (exit " + m.get("exit") + ")";
    }
    return String.valueOf(verdict);
  }

  /** Green runs every 40 commits up to the culprit (one of them a flaky red), red from a push after it on. */
  private static void seedCi(FakeWorkflow ci, History h) {
    List<Integer> green = new ArrayList<>();
    for (int i = h.lastGreen; i >= 0 && green.size() < 6; i -= 40) {
      green.add(0, i);
    }
    for (int i : green) {
      boolean flake = i == h.flaky;
      ci.newRun().branch("main").headSha(h.commits.get(i)).createdAt(h.time(i).plus(Duration.ofMinutes(1)))
          .script(flake ? RunScript.failsAfter(Duration.ofMinutes(5)) : RunScript.succeedsAfter(Duration.ofMinutes(5)))
          .create();
    }
    for (int i = h.firstRed; i < COMMITS; i += 40) {
      ci.newRun().branch("main").headSha(h.commits.get(i)).createdAt(h.time(i).plus(Duration.ofMinutes(1)))
          .script(RunScript.failsAfter(Duration.ofMinutes(5))).create();
    }
  }

  /** The generated repository: a bare origin and a clone. */
  static final class History {
    final List<String> commits = new ArrayList<>();
    final int culprit;
    final int untestable;
    final int flaky;
    final int lastGreen;
    final int firstRed;
    final Path work;

    private History(int culprit, int untestable, int flaky, int lastGreen, int firstRed, Path work) {
      this.culprit = culprit;
      this.untestable = untestable;
      this.flaky = flaky;
      this.lastGreen = lastGreen;
      this.firstRed = firstRed;
      this.work = work;
    }

    Instant time(int i) {
      return START.plus(Duration.ofMinutes(5L * i));
    }

    static History write(Path origin, Path work, long seed) throws IOException {
      Random r = new Random(seed);
      int culprit = COMMITS - 200 + r.nextInt(160);
      int lastGreen = culprit - 5 - r.nextInt(30);
      int firstRed = culprit + 5 + r.nextInt(30);
      int untestable = lastGreen + 1 + r.nextInt(culprit - lastGreen - 1);
      int flaky = lastGreen - 80;
      History h = new History(culprit, untestable, flaky, lastGreen, firstRed, work);
      try (Repository repo = Git.init().setBare(true).setDirectory(origin.toFile()).setInitialBranch("main").call()
          .getRepository(); ObjectInserter ins = repo.newObjectInserter()) {
        ObjectId makefile = blob(ins, "test:\n\tsh test.sh\n");
        ObjectId testGood = blob(ins, "#!/bin/sh\n[ -f UNTESTABLE ] && exit 125\n"
            + "[ \"$(sh calc.sh 2 3)\" = 5 ] || { echo 'calc: 2 + 3 is not 5'; exit 2; }\n");
        ObjectId calcGood = blob(ins, "#!/bin/sh\necho $(( $1 + $2 ))\n");
        ObjectId calcBad = blob(ins, "#!/bin/sh\necho $(( $1 + $2 + 1 ))\n");
        ObjectId marker = blob(ins, "this commit's build is broken for reasons unrelated to the test\n");
        ObjectId parent = null;
        for (int i = 0; i < COMMITS; i++) {
          TreeFormatter t = new TreeFormatter();
          t.append("Makefile", FileMode.REGULAR_FILE, makefile);
          if (i == untestable) {
            t.append("UNTESTABLE", FileMode.REGULAR_FILE, marker);
          }
          t.append("calc.sh", FileMode.REGULAR_FILE, i >= culprit ? calcBad : calcGood);
          t.append("notes-" + (i % 10) + ".txt", FileMode.REGULAR_FILE, blob(ins, "change " + i + "\n"));
          t.append("test.sh", FileMode.REGULAR_FILE, testGood);
          ObjectId tree = ins.insert(t);
          CommitBuilder c = new CommitBuilder();
          c.setTreeId(tree);
          if (parent != null) {
            c.setParentId(parent);
          }
          PersonIdent who = new PersonIdent(i == culprit ? "Casey Culprit" : "Dev " + (i % 7),
              i == culprit ? "casey@example.invalid" : "dev" + (i % 7) + "@example.invalid", h.time(i),
              java.time.ZoneOffset.UTC);
          c.setAuthor(who);
          c.setCommitter(who);
          c.setMessage(i == culprit ? "Tidy up calc.sh\n" : "Change " + i + "\n");
          parent = ins.insert(c);
          h.commits.add(parent.name());
        }
        ins.flush();
        RefUpdate u = repo.updateRef(Constants.R_HEADS + "main");
        u.setNewObjectId(parent);
        u.update();
      } catch (GitAPIException e) {
        throw new IOException(e.getMessage(), e);
      }
      try (Git clone = Git.cloneRepository().setURI(origin.toUri().toString()).setDirectory(work.toFile())
          .setBranch("main").call()) {
        clone.getRepository().getConfig().setString("user", null, "name", "Rollback Bot");
        clone.getRepository().getConfig().setString("user", null, "email", "rollback-bot@example.invalid");
        clone.getRepository().getConfig().save();
      } catch (GitAPIException e) {
        throw new IOException(e.getMessage(), e);
      }
      return h;
    }

    private static ObjectId blob(ObjectInserter ins, String text) throws IOException {
      return ins.insert(Constants.OBJ_BLOB, text.getBytes(StandardCharsets.UTF_8));
    }
  }
}
