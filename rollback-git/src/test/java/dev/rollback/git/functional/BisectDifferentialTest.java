package dev.rollback.git.functional;

import static dev.rollback.Rollback.declared;
import static dev.rollback.Rollback.hours;
import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.procedure;
import static dev.rollback.Rollback.severity;
import static dev.rollback.Rollback.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.Command;
import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.git.GitAdapter;
import dev.rollback.git.GitBisect;
import dev.rollback.git.GitChecks;
import dev.rollback.git.GitSteps;
import dev.rollback.git.support.BisectHistory;
import dev.rollback.git.support.GitCli;
import dev.rollback.git.support.Sandbox;
import dev.rollback.report.RollbackReport;
import dev.rollback.run.Approvers;
import dev.rollback.run.Journal;
import dev.rollback.run.RollbackExecutor;
import dev.rollback.run.RunOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The bisection against {@code git bisect start --first-parent} + {@code git bisect run} on identical copies of 120
 * seeded random histories (linear and with merges whose side branches also hold the failure, with and without
 * untestable commits): the same first bad commit, or the same candidates where untestable commits leave several,
 * and summed over the histories no more probes than git (counted by the probe's own ledger on both sides).
 */
class BisectDifferentialTest {

  private static final int HISTORIES = 120;
  private static final Pattern ID = Pattern.compile("\\b[0-9a-f]{40}\\b");

  record Found(Set<String> candidates, int probes, String log) {}

  @Test
  void theSameCulpritAsGitBisectRunWithNoMoreProbes() throws Exception {
    long seed = Long.getLong("rollback.bisect.seed", 17L);
    Random r = new Random(seed);
    int ours = 0;
    int gits = 0;
    int ambiguous = 0;
    int withMerges = 0;
    List<String> lines = new ArrayList<>();
    for (int h = 0; h < HISTORIES; h++) {
      if (Integer.getInteger("rollback.bisect.only", h) != h) {
        r.nextLong();
        continue;
      }
      long s = r.nextLong();
      boolean merges = h % 2 == 1;
      double untestable = new double[] {0, 0.15, 0.4}[h % 3];
      int length = 2 + new Random(s).nextInt(h % 10 == 0 ? 400 : 90);
      try (Sandbox box = Sandbox.create()) {
        GitCli git = box.init("repo");
        BisectHistory hist = BisectHistory.write(git, s, length, merges, untestable);
        Path probe = Files.writeString(box.root().resolve("probe.sh"), BisectHistory.PROBE);
        GitCli copy = box.copy(git, "copy");
        String good = hist.main.get(hist.good);
        String bad = hist.main.get(hist.bad);
        Found theirs = gitBisect(copy, good, bad, probe, box.root().resolve("ledger-git"));
        int k = h % 4 == 3 ? 2 : 1;
        Found mine = bisect(git.dir(), good, bad, probe, box.root().resolve("ledger-lib"), k, box.root());
        String what = "history " + h + " (seed " + s + ", " + length + " commits, " + hist.merges + " merges, "
            + untestable + " untestable, range " + hist.good + ".." + hist.bad + ", culprit " + hist.culprit
            + ", k=" + k + ")";
        assertThat(mine.candidates()).as(what + "\ngit:\n" + theirs.log() + "\nours:\n" + mine.log() + "\n"
            + git.run("log", "--graph", "--format=%H %s", "main")).isEqualTo(theirs.candidates());
        assertThat(theirs.candidates()).as(what).contains(hist.main.get(hist.culprit));
        if (theirs.candidates().size() == 1) {
          assertThat(mine.candidates()).as(what).containsExactly(hist.main.get(hist.culprit));
        } else {
          ambiguous++;
        }
        if (k == 1) {
          ours += mine.probes();
          gits += theirs.probes();
        }
        withMerges += hist.merges > 0 ? 1 : 0;
        lines.add(what + ": git " + theirs.probes() + " probes, ours " + mine.probes());
      }
    }
    System.out.println("bisect differential (seed " + seed + "): " + HISTORIES + " histories, " + withMerges
        + " with merges, " + ambiguous + " ambiguous; probes at k=1: ours " + ours + ", git " + gits);
    assertThat(ambiguous).isPositive();
    assertThat(withMerges).isGreaterThan(HISTORIES / 3);
    assertThat(ours).as(String.join("\n", lines)).isLessThanOrEqualTo(gits);
  }

  /** {@code git bisect start --first-parent bad good; git bisect run sh probe.sh ledger}. */
  static Found gitBisect(GitCli git, String good, String bad, Path probe, Path ledger) throws IOException {
    String started = git.run("bisect", "start", "--first-parent", bad, good);
    // When the range holds only the bad end, git bisect start already names it (and a run would probe HEAD).
    GitCli.Result run = started.contains("is the first bad commit") ? new GitCli.Result(0, started, "")
        : git.tryRun("bisect", "run", "sh", probe.toString(), ledger.toString());
    git.run("bisect", "reset");
    String out = run.out();
    Set<String> candidates = new TreeSet<>();
    Matcher one = Pattern.compile("([0-9a-f]{40}) is the first bad commit").matcher(out);
    if (one.find()) {
      candidates.add(one.group(1));
    } else {
      int at = out.indexOf("could be any of:");
      assertThat(at).as("git bisect run said:\n" + out + run.err()).isNotNegative();
      Matcher m = ID.matcher(out.substring(at, out.indexOf("We cannot bisect more", at)));
      while (m.find()) {
        candidates.add(m.group());
      }
    }
    return new Found(candidates, probes(ledger), out + run.err() + "\nledger:\n" + (Files.exists(ledger) ? Files.readString(ledger) : ""));
  }

  /** The library's bisection, as a checklist check of a plan run by the executor. */
  static Found bisect(Path repo, String good, String bad, Path probe, Path ledger, int k, Path root)
      throws Exception {
    RollbackPlan plan = Rollback.plan("find the culprit")
        .severity(severity("high").when(declared("red")).rollbackWithin(hours(1)).approval(single("maintainer")))
        .checklist(GitBisect.between(good, bad).probe(Command.of("sh", probe.toString(), ledger.toString()))
            .parallelism(k).check().as("culprit"))
        .procedure(procedure("look").phase(phase("look").step(GitSteps.resolve("HEAD"))
            .validate(GitChecks.commitExists("HEAD"))))
        .build();
    Path journal = Files.createDirectories(root.resolve("journal-" + k));
    RollbackReport report;
    try (RollbackExecutor executor = RollbackExecutor.builder().workspace(repo).adapter(GitAdapter.open(repo))
        .journal(Journal.directory(journal)).approver(Approvers.automatic("lead", "test")).build()) {
      report = executor.run(plan, RunOptions.defaults().withDeclared("red"));
    }
    RollbackReport.CheckReport check = report.checklist().get(0);
    Map<String, Object> evidence = check.evidence();
    assertThat(evidence).as(check.summary()).containsKey("candidates");
    Set<String> candidates = new TreeSet<>();
    ((List<?>) evidence.get("candidates")).forEach(c -> candidates.add(String.valueOf(c)));
    int probes = probes(ledger);
    assertThat(((Number) evidence.get("probes")).intValue()).as("probes counted").isEqualTo(probes);
    return new Found(candidates, probes, check.summary() + "\n" + evidence);
  }

  static int probes(Path ledger) throws IOException {
    return Files.exists(ledger) ? (int) Files.readAllLines(ledger).stream().filter(l -> !l.isBlank()).count() : 0;
  }
}
