package dev.rollback.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The crash torture test: {@code ./rollback run} of a plan with Git steps (a revert, a tag, a leased push to a bare
 * origin on disk), commands (one with an idempotency probe, one without) and a notification is killed with SIGKILL,
 * its whole process group, at random instants, then resumed as an operator would, settling with
 * {@code --step NAME --done/--redo} (after looking at the command's ledger) where the report asks for it; a quarter
 * of the resumes are killed too. Every run must end SUCCEEDED with every step applied once (the ledger holds each
 * command's line once, the revert is made once, the tag and origin point at it), no commit lost (every commit
 * {@code git rev-list --all} listed before, in the clone and the origin, is still listed after), no lock file left,
 * and exactly one notification.
 *
 * <p>A fifth of the kills land at a uniformly random instant of the whole run (startup included); the others at a
 * random 0 to 40 ms after a piece of work starts, as the journal shows it (the Git adapter's backup or a Git step,
 * twice as often as a command step), so that they land inside Git's writes, where locks and half-written files are
 * left. The instants are
 * drawn from a seed, printed first; {@code -Drollback.torture.seed=N} (or the environment
 * variable {@code ROLLBACK_TORTURE_SEED}) replays a run, {@code -Drollback.torture.kills=N} sets how many (at
 * least 30). Two runs go at once, in separate sandboxes.
 */
class CrashTortureIT {

  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Pattern SETTLE = Pattern.compile("--step '([^']*)' --done");
  private static final Map<String, String> LEDGER_LINE = Map.of("note start", "start", "deploy", "deploy");
  /** What the journal shows when a piece of work starts: the Git adapter's backup, then each step. */
  private static final List<String> WORK_STARTS = List.of("\"adapter.preparing\"", "\"adapter.preparing\"",
      "\"step\":\"revert\"", "\"step\":\"revert\"", "\"step\":\"tag\"", "\"step\":\"tag\"",
      "\"step\":\"push\"", "\"step\":\"push\"", "\"step\":\"note start\"", "\"step\":\"deploy\"");

  /** What happened to one kill, for the summary. */
  private record Outcome(int index, String killedAt, boolean journal, int resumes, List<String> settled,
      boolean recovered) {}

  @Test
  void everyRunKilledAtARandomInstantIsFinishedByResumeWithEveryStepAppliedOnceAndNothingLost() throws Exception {
    long seed = seed();
    int kills = Math.max(30, Integer.getInteger("rollback.torture.kills", 30));
    System.out.println("[crash torture] seed " + seed + " (replay with -Drollback.torture.seed=" + seed + "), "
        + kills + " kills");
    Path base = Files.createTempDirectory("rollback-torture-");
    long started = System.nanoTime();
    // One uninterrupted run first: it builds the launcher's class-data archive, and times the run.
    Timing timing = calibrate(base.resolve("calibration"));
    System.out.println("[crash torture] an uninterrupted run: journal after " + timing.journalMillis + " ms, done"
        + " after " + timing.totalMillis + " ms");
    List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    Map<Integer, Throwable> failures = new ConcurrentHashMap<>();
    AtomicInteger index = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        futures.add(pool.submit(() -> {
          for (int i = index.getAndIncrement(); i < kills; i = index.getAndIncrement()) {
            try {
              outcomes.add(tortureOnce(base.resolve("run-" + i), i, new Random(seed * 31 + i), timing));
            } catch (Throwable t) {
              failures.put(i, t);
            }
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get(10, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    outcomes.sort((a, b) -> Integer.compare(a.index(), b.index()));
    outcomes.forEach(o -> System.out.println("[crash torture] #" + o.index() + " killed " + o.killedAt()
        + (o.journal() ? "" : ", before its journal existed (run again)") + "; " + o.resumes() + " resume"
        + (o.resumes() == 1 ? "" : "s") + (o.settled().isEmpty() ? "" : ", settled " + o.settled())
        + (o.recovered() ? ", recovered locks or files" : "") + ": SUCCEEDED"));
    long settledRuns = outcomes.stream().filter(o -> !o.settled().isEmpty()).count();
    long recoveredRuns = outcomes.stream().filter(Outcome::recovered).count();
    System.out.println("[crash torture] seed " + seed + ": " + outcomes.size() + " of " + kills + " killed runs"
        + " SUCCEEDED after resume (" + settledRuns + " settled by hand, " + recoveredRuns + " with locks or files"
        + " recovered) in " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s");
    assertThat(failures).as("runs that did not end as promised (seed %s; their sandboxes are under %s)", seed, base)
        .isEmpty();
    assertThat(outcomes).hasSize(kills);
    deleteTree(base);
  }

  private static long seed() {
    String s = System.getProperty("rollback.torture.seed", System.getenv("ROLLBACK_TORTURE_SEED"));
    return s == null || s.isBlank() ? new Random().nextLong() : Long.parseLong(s.trim());
  }

  /** When an uninterrupted run's journal appears and when it ends, after the launcher started. */
  private record Timing(long journalMillis, long totalMillis) {}

  private static Timing calibrate(Path dir) throws Exception {
    Sandbox s = Sandbox.create(dir);
    // The launcher's first command after a build makes its class-data archive: not part of a run's time.
    Process warm = new ProcessBuilder(ROOT.resolve("rollback").toString(), "check", s.plan.toString())
        .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("warm.txt").toFile()).start();
    assertThat(warm.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(warm.exitValue()).as("check of the plan: %s", Files.readString(dir.resolve("warm.txt"))).isZero();
    long t0 = System.nanoTime();
    Process p = s.launch("run");
    long journal = -1;
    while (p.isAlive()) {
      if (journal < 0 && s.journalFile().isPresent()) {
        journal = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      }
      p.waitFor(5, TimeUnit.MILLISECONDS);
    }
    long total = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertThat(p.exitValue()).as("the uninterrupted run: %s", s.output()).isZero();
    assertThat(s.output()).contains("**SUCCEEDED**");
    s.assertFinishedOnce(List.of());
    return new Timing(journal < 0 ? total / 2 : journal, total);
  }

  private static Outcome tortureOnce(Path dir, int i, Random random, Timing timing) throws Exception {
    Sandbox s = Sandbox.create(dir);
    Set<String> before = s.allCommits();
    // A third of the kills land anywhere in the run; the others within 40 ms after a piece of work starts (the
    // Git adapter's backup, a step), where Git writes its locks and files.
    long window = Math.max(50, timing.totalMillis - timing.journalMillis);
    int mode = random.nextInt(5);
    String killedAt;
    boolean journal;
    Process run = s.launch("run");
    if (mode == 0) {
      long delay = random.nextInt((int) Math.max(1, timing.totalMillis));
      killedAt = delay + " ms after start";
      journal = s.killAt(run, null, delay);
    } else {
      String event = WORK_STARTS.get(random.nextInt(WORK_STARTS.size()));
      long delay = random.nextInt(40);
      killedAt = delay + " ms after " + event;
      journal = s.killAt(run, event, delay);
    }
    List<String> settled = new ArrayList<>();
    int resumes = 0;
    String last = "";
    boolean recovered = false;
    boolean killResume = random.nextInt(4) == 0;
    for (int attempt = 0; attempt < 6; attempt++) {
      Optional<String> runId = s.runId();
      Process p;
      if (runId.isEmpty()) {
        s.clearJournal();
        p = s.launch("run");
      } else {
        resumes++;
        List<String> extra = new ArrayList<>();
        Matcher m = SETTLE.matcher(last);
        if (last.contains("**STOPPED**") && m.find()) {
          String step = m.group(1);
          String line = LEDGER_LINE.get(step);
          assertThat(line).as("a step the report asks to settle: %s", step).isNotNull();
          if (s.ledger().contains(line)) {
            extra.addAll(List.of("--step", step, "--done", "the ledger holds '" + line + "'"));
            settled.add(step + ": done");
          } else {
            extra.addAll(List.of("--step", step, "--redo"));
            settled.add(step + ": redo");
          }
        }
        p = s.launch("resume", runId.get(), extra);
        if (killResume) {
          killResume = false;
          s.killAt(p, "\"resumed\"", random.nextInt((int) window));
          last = "";
          continue;
        }
      }
      assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("the launcher ends").isTrue();
      last = s.output();
      recovered |= last.contains("| recovered |");
      if (p.exitValue() == 0) {
        break;
      }
      assertThat(last).as("#%d: resume %d (exit %d) stopped only to be settled: %s", i, resumes, p.exitValue(),
          last + s.errors()).contains("**STOPPED**");
    }
    assertThat(last).as("#%d ends SUCCEEDED: %s", i, last + s.errors()).contains("**SUCCEEDED**");
    s.assertFinishedOnce(settled);
    Set<String> after = s.allCommits();
    assertThat(after).as("#%d: no commit lost", i).containsAll(before);
    Outcome o = new Outcome(i, killedAt, journal, resumes, settled, recovered);
    deleteTree(dir);
    return o;
  }

  /** A clone with a bad commit, its bare origin, a plan script, a ledger, a journal and a notifications folder. */
  private static final class Sandbox {
    final Path dir;
    final Path work;
    final Path origin;
    final Path plan;
    final Path journal;
    final Path notifications;
    final Path ledger;
    final Path out;
    final Path err;

    private Sandbox(Path dir) {
      this.dir = dir;
      this.work = dir.resolve("work");
      this.origin = dir.resolve("origin.git");
      this.plan = dir.resolve("plan.jsh");
      this.journal = dir.resolve("journal");
      this.notifications = dir.resolve("notifications");
      this.ledger = dir.resolve("ledger");
      this.out = dir.resolve("out.md");
      this.err = dir.resolve("err.txt");
    }

    static Sandbox create(Path dir) throws IOException {
      Sandbox s = new Sandbox(dir);
      Path seed = dir.resolve("seed");
      Files.createDirectories(seed.resolve("scripts"));
      git(dir, "init", "-q", "-b", "main", seed.toString());
      config(seed);
      Files.writeString(seed.resolve("ci.yml"), "jobs:\n  test:\n    run: pytest\n");
      Files.writeString(seed.resolve("Makefile"), "quick-check:\n");
      commitAll(seed, "Initial import");
      Files.writeString(seed.resolve("Dockerfile.test"), "FROM python\n");
      Files.writeString(seed.resolve("scripts").resolve("run_docker_tests.sh"), "docker compose run test\n");
      Files.writeString(seed.resolve("ci.yml"), "jobs:\n  test:\n    run: docker compose run test\n");
      commitAll(seed, "P3-007: Run CI tests in Docker");
      Files.writeString(seed.resolve("notes.txt"), "later work\n");
      commitAll(seed, "Later work");
      git(dir, "clone", "-q", "--bare", seed.toString(), s.origin.toString());
      git(dir, "clone", "-q", s.origin.toString(), s.work.toString());
      config(s.work);
      Files.writeString(s.plan, plan(s.ledger), StandardCharsets.UTF_8);
      return s;
    }

    private static String plan(Path ledger) {
      String l = ledger.toString();
      return "import static dev.rollback.Rollback.*;\nimport dev.rollback.*;\nimport dev.rollback.git.*;\n\n"
          + "RollbackPlan plan = (plan(\"crash torture\")\n"
          + "    .severity(severity(\"critical\").when(declared(\"broken\")).rollbackWithin(hours(1))\n"
          + "        .approval(single(\"maintainer\")))\n"
          + "    .checklist(GitChecks.commitMatching(\"P3-007\").oldest().as(\"culprit\"))\n"
          + "    .procedure(procedure(\"torture\")\n"
          + "        .phase(phase(\"Revert\")\n"
          + "            .step(Steps.run(Command.of(\"sh\", \"-c\", \"echo start >> " + l + "\")).named(\"note start\")\n"
          + "                    .appliedWhen(Checks.command(\"grep\", \"-qx\", \"start\", \"" + l + "\")),\n"
          + "                GitSteps.revert(ref(\"culprit\")).named(\"revert\").as(\"revertCommit\"),\n"
          + "                GitSteps.tag(branch(\"rolled-back\"), ref(\"revertCommit\")).named(\"tag\"),\n"
          + "                Steps.run(Command.of(\"sh\", \"-c\", \"echo deploy >> " + l + "\")).named(\"deploy\"))\n"
          + "            .validate(GitChecks.cleanWorkTree()))\n"
          + "        .phase(phase(\"Publish\")\n"
          + "            .step(GitSteps.pushWithLease(\"origin\", branch(\"main\")).named(\"push\"))\n"
          + "            .validate(GitChecks.commitExists(\"origin/main\"))))\n"
          + "    .communicate(message(\"rolled-back\").on(NotificationEvent.ROLLBACK_COMPLETED)\n"
          + "        .title(\"{{plan}} rolled back\").body(\"Run {{runId}}: {{summary}}\").via(\"chat\"))\n"
          + "    .build());\n";
    }

    private static void config(Path repo) {
      git(repo, "config", "user.name", "Rollback Torture");
      git(repo, "config", "user.email", "torture@rollback.dev");
    }

    private static void commitAll(Path repo, String message) {
      git(repo, "add", "-A");
      git(repo, "commit", "-q", "-m", message);
    }

    /** Starts the launcher in its own process group, so that a kill takes its commands with it. */
    Process launch(String verb) throws IOException {
      return launch(verb, null, List.of());
    }

    Process launch(String verb, String runId, List<String> extra) throws IOException {
      List<String> cmd = new ArrayList<>(List.of("setsid", ROOT.resolve("rollback").toString(), verb,
          runId == null ? plan.toString() : runId, "--repo", work.toString(), "--journal", journal.toString(),
          "--yes", "--notify", "chat=files:" + notifications));
      if (runId == null) {
        cmd.addAll(List.of("--declare", "broken"));
      }
      cmd.addAll(extra);
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectOutput(out.toFile())
          .redirectError(err.toFile());
      pb.environment().keySet().removeIf(k -> k.startsWith("GIT_"));
      return pb.start();
    }

    /**
     * Kills the launcher's process group with SIGKILL after a delay, counted from now, or from when the journal
     * first shows a new record holding the text given (a step starting, the run resuming).
     *
     * @return whether a journal existed when it was killed
     */
    boolean killAt(Process p, String after, long delayMillis) throws Exception {
      long limit = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      if (after != null) {
        int seen = journalText().split(java.util.regex.Pattern.quote(after), -1).length;
        while (p.isAlive() && System.nanoTime() < limit
            && journalText().split(java.util.regex.Pattern.quote(after), -1).length <= seen) {
          p.waitFor(1, TimeUnit.MILLISECONDS);
        }
      }
      long at = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
      while (p.isAlive() && System.nanoTime() < at) {
        p.waitFor(1, TimeUnit.MILLISECONDS);
      }
      if (p.isAlive()) {
        Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + p.pid()).redirectErrorStream(true).start();
        String said = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kill.waitFor()).as("kill -KILL -%d: %s", p.pid(), said).isIn(0, 1);
      }
      assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
      waitForGroupToDie(p.pid());
      return journalFile().isPresent();
    }

    private static void waitForGroupToDie(long pgid) throws Exception {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < until) {
        Process check = new ProcessBuilder("pgrep", "-g", Long.toString(pgid)).start();
        check.getInputStream().readAllBytes();
        if (check.waitFor() != 0) {
          return;
        }
        Thread.sleep(10);
      }
      throw new AssertionError("processes of group " + pgid + " outlived kill -KILL");
    }

    private String journalText() {
      Optional<Path> f = journalFile();
      try {
        return f.isEmpty() ? "" : Files.readString(f.get(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    }

    Optional<Path> journalFile() {
      if (!Files.isDirectory(journal)) {
        return Optional.empty();
      }
      try (Stream<Path> s = Files.list(journal)) {
        return s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).findFirst();
      } catch (IOException e) {
        return Optional.empty();
      }
    }

    /** The run's id, when its journal holds at least its first record. */
    Optional<String> runId() throws IOException {
      Optional<Path> f = journalFile();
      if (f.isEmpty() || !Files.readString(f.get(), StandardCharsets.UTF_8).contains("\n")) {
        return Optional.empty();
      }
      String name = f.get().getFileName().toString();
      return Optional.of(name.substring(0, name.length() - ".jsonl".length()));
    }

    /** A run killed before its first record was complete never started: it is started again. */
    void clearJournal() throws IOException {
      if (journalFile().isPresent()) {
        Files.delete(journalFile().get());
      }
    }

    String output() throws IOException {
      return Files.readString(out, StandardCharsets.UTF_8);
    }

    String errors() throws IOException {
      return "\nstandard error:\n" + Files.readString(err, StandardCharsets.UTF_8);
    }

    List<String> ledger() throws IOException {
      return Files.exists(ledger) ? Files.readAllLines(ledger, StandardCharsets.UTF_8) : List.of();
    }

    Set<String> allCommits() {
      Set<String> out = new TreeSet<>();
      for (Path repo : List.of(work, origin)) {
        for (String l : git(repo, "rev-list", "--all").split("\n")) {
          if (!l.isBlank()) {
            out.add(l.strip());
          }
        }
      }
      return out;
    }

    /** Every step applied once, nothing left behind, one notification. */
    void assertFinishedOnce(List<String> settled) throws IOException {
      String where = "in " + dir + " (settled: " + settled + ")";
      assertThat(ledger()).as("each command ran once %s", where).containsExactly("start", "deploy");
      String log = git(work, "log", "--format=%s", "main");
      assertThat(log.lines().filter(l -> l.equals("Revert \"P3-007: Run CI tests in Docker\"")).count())
          .as("the revert is made once %s:\n%s", where, log).isEqualTo(1);
      String head = git(work, "rev-parse", "main").strip();
      assertThat(git(work, "log", "-1", "--format=%s", head).strip()).isEqualTo("Revert \"P3-007: Run CI tests in"
          + " Docker\"");
      assertThat(git(origin, "rev-parse", "main").strip()).as("origin has the revert %s", where).isEqualTo(head);
      assertThat(git(work, "rev-parse", "rolled-back^{commit}").strip()).as("the tag %s", where).isEqualTo(head);
      assertThat(git(work, "status", "--porcelain").strip()).as("the work tree is clean %s", where).isEmpty();
      assertThat(locks(work.resolve(".git"))).as("locks left %s", where).isEmpty();
      assertThat(locks(origin)).as("locks left in the origin %s", where).isEmpty();
      List<Path> sent;
      try (Stream<Path> s = Files.list(notifications)) {
        sent = s.filter(p -> p.getFileName().toString().endsWith(".md")).collect(Collectors.toList());
      }
      assertThat(sent).as("one notification %s", where).hasSize(1);
      assertThat(Files.readString(sent.get(0))).contains("crash torture rolled back", "rolled back with procedure");
    }

    private static List<Path> locks(Path gitDir) throws IOException {
      try (Stream<Path> s = Files.walk(gitDir)) {
        return s.filter(p -> p.getFileName().toString().endsWith(".lock") && !p.endsWith(Path.of("rollback", "lock")))
            .collect(Collectors.toList());
      }
    }
  }

  private static String git(Path dir, String... args) {
    return GitCli.git(dir, args);
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Collections.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
