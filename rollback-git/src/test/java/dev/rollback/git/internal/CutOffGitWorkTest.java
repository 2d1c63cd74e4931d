package dev.rollback.git.internal;

import static dev.rollback.Rollback.branch;
import static dev.rollback.Rollback.declared;
import static dev.rollback.Rollback.hours;
import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.procedure;
import static dev.rollback.Rollback.ref;
import static dev.rollback.Rollback.severity;
import static dev.rollback.Rollback.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.git.GitAdapter;
import dev.rollback.git.GitChecks;
import dev.rollback.git.GitSteps;
import dev.rollback.git.support.GitCli;
import dev.rollback.git.support.Sandbox;
import dev.rollback.report.RollbackReport.Intervention;
import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import dev.rollback.run.Approvers;
import dev.rollback.run.Journal;
import dev.rollback.run.ManualClock;
import dev.rollback.run.RollbackExecutor;
import dev.rollback.run.RunLockedException;
import dev.rollback.run.RunOptions;
import dev.rollback.run.event.RunEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The seed's emergency rollback (checkout main, revert the culprit, push with lease to a bare origin on disk),
 * interrupted inside each of its Git writes, then resumed: every state a process killed there leaves (the step's
 * checkout record, {@code index.lock}, files half-written, the index written but not HEAD, {@code refs/heads/main.lock}
 * here or in the origin, {@code packed-refs.lock} of the backup, HEAD moved but not journaled) is recovered and the run
 * ends exactly as an uninterrupted run does, the revert made once, compared with git on the same history. What cannot
 * be proven stale stops the run with the file and the command.
 */
class CutOffGitWorkTest {

  private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");
  private static final String RUN = "cut-off";

  private Sandbox box;
  private GitCli origin;
  private GitCli work;
  private String culprit;
  private Path journal;

  @BeforeEach
  void project() throws IOException {
    box = Sandbox.create();
    GitCli seed = box.init("seed");
    seed.write(".github/workflows/ci.yml", "jobs:\n  test:\n    run: pytest\n").write("Makefile", "quick-check:\n")
        .commitAll("Initial import");
    seed.at(Sandbox.EPOCH.plusSeconds(120)).write("docker-compose.test.yml", "services:\n  test: {}\n")
        .write("Dockerfile.test", "FROM python\n").write("scripts/run_docker_tests.sh", "docker compose run test\n")
        .commitAll("P3-007: Add Docker test infrastructure");
    seed.at(Sandbox.EPOCH.plusSeconds(180)).write("notes.txt", "later work\n").commitAll("Later work");
    origin = box.bare("origin.git");
    seed.run("push", "-q", origin.dir().toString(), "main");
    work = box.clone(origin, "work");
    culprit = work.rev("HEAD~1");
    journal = box.root().resolve("journal");
  }

  @AfterEach
  void cleanUp() {
    box.close();
  }

  private static RollbackPlan plan() {
    return Rollback.plan("P3-007 emergency rollback")
        .severity(severity("critical").when(declared("ci-broken")).rollbackWithin(hours(1))
            .approval(single("maintainer")).procedure("emergency"))
        .checklist(GitChecks.commitMatching("P3-007").oldest().as("culprit"))
        .emergency(procedure("emergency")
            .phase(phase("Revert")
                .step(GitSteps.checkout(branch("main")), GitSteps.revert(ref("culprit")).named("revert"))
                .validate(GitChecks.cleanWorkTree()))
            .phase(phase("Push")
                .step(GitSteps.pushWithLease("origin", branch("main")).named("push"))
                .validate(GitChecks.commitExists("origin/main"))))
        .build();
  }

  private RollbackExecutor executor(GitCli in, Path journalDir, String crashAt) {
    ManualClock clock = ManualClock.at(AT);
    return RollbackExecutor.builder().workspace(in.dir()).adapter(GitAdapter.open(in.dir()))
        .journal(Journal.directory(journalDir)).approver(Approvers.automatic("lead", "drill")).clock(clock)
        .sleeper(clock).listener(e -> {
          if (e instanceof RunEvent.StepStarted && ((RunEvent.StepStarted) e).step().equals(crashAt)) {
            throw new Crash();
          }
        }).build();
  }

  /** Stands for the process dying. */
  static final class Crash extends Error {
    private static final long serialVersionUID = 1L;
  }

  private static RunOptions options() {
    return RunOptions.defaults().withDeclared("ci-broken").withEmergency().withRunId(RUN);
  }

  /** What an uninterrupted run gives on an identical copy: the commit HEAD and origin's main end at. */
  private String uninterrupted() {
    GitCli originCopy = box.copy(origin, "origin-copy.git");
    GitCli copy = box.clone(originCopy, "copy");
    try (RollbackExecutor e = executor(copy, box.root().resolve("copy-journal"), "none")) {
      RollbackReport r = e.run(plan(), options());
      assertThat(r.status()).as(r.summary()).isEqualTo(RunStatus.SUCCEEDED);
    }
    assertThat(originCopy.rev("main")).isEqualTo(copy.rev("HEAD"));
    return copy.rev("HEAD");
  }

  private void crashAt(String step) {
    try (RollbackExecutor e = executor(work, journal, step)) {
      assertThatThrownBy(() -> e.run(plan(), options())).isInstanceOf(Crash.class);
    }
  }

  private RollbackReport resume() {
    try (RollbackExecutor e = executor(work, journal, "none")) {
      return e.resume(plan(), RUN);
    }
  }

  private Repository repo() throws IOException {
    return new FileRepositoryBuilder().setWorkTree(work.dir().toFile()).build();
  }

  private void record(String fromRev, String toTree) throws IOException {
    try (Repository r = repo()) {
      CheckoutIntent.begin(r, RUN, ObjectId.fromString(work.rev(fromRev + "^{tree}")), ObjectId.fromString(toTree),
          true);
    }
  }

  /** The tree git's revert of the culprit gives, its objects written into the work repository as the step does. */
  private String revertTree() {
    GitCli scratch = box.clone(origin, "scratch-" + System.nanoTime());
    scratch.run("revert", "--no-edit", culprit);
    work.run("fetch", "-q", scratch.dir().toString(), "HEAD");
    return scratch.rev("HEAD^{tree}");
  }

  private void assertEndsAsUninterrupted(RollbackReport report, String expected) throws IOException {
    assertThat(report.status()).as(report.summary()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(work.rev("HEAD")).as("the same commit as the uninterrupted run's").isEqualTo(expected);
    assertThat(origin.rev("main")).isEqualTo(expected);
    assertThat(work.run("log", "--format=%s", culprit + "..HEAD")).as("the revert is made once")
        .isEqualTo("Revert \"P3-007: Add Docker test infrastructure\"\nLater work");
    assertThat(work.status()).isEmpty();
    assertThat(work.run("fsck", "--no-progress", "--no-dangling")).isEmpty();
    assertThat(locks(work.gitDir())).isEmpty();
    assertThat(locks(origin.dir())).isEmpty();
    assertThat(work.gitDir().resolve("rollback").resolve("checkout")).doesNotExist();
    assertThat(report.audits()).anySatisfy(a -> assertThat(a.passed()).as(a.summary()).isTrue());
  }

  private static List<Path> locks(Path gitDir) throws IOException {
    try (Stream<Path> s = Files.walk(gitDir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".lock") && !p.endsWith(Path.of("rollback", "lock")))
          .collect(Collectors.toList());
    }
  }

  private static List<String> recovered(RollbackReport r) {
    return r.interventions().stream().filter(x -> x.kind() == Intervention.RECOVERED).map(x -> x.summary())
        .collect(Collectors.toList());
  }

  @Test
  void killedAfterTheCheckoutRecordOnlyTheRevertRunsOnce() throws IOException {
    String expected = uninterrupted();
    crashAt("revert");
    record("HEAD", revertTree());

    RollbackReport report = resume();

    assertEndsAsUninterrupted(report, expected);
    assertThat(recovered(report)).isEmpty();
  }

  @Test
  void killedWhileWritingTheWorkTreeUnderIndexLockTheFilesAreputBackAndTheRevertRunsOnce() throws IOException {
    String expected = uninterrupted();
    crashAt("revert");
    record("HEAD", revertTree());
    Files.writeString(work.gitDir().resolve("index.lock"), "DIRC partial", StandardCharsets.UTF_8);
    Files.delete(work.dir().resolve("Dockerfile.test"));
    Files.writeString(work.dir().resolve("scripts").resolve(".run_docker_tests.sh.1f2e.rollback-tmp"), "x");
    assertThat(work.status()).contains("D Dockerfile.test");

    RollbackReport report = resume();

    assertEndsAsUninterrupted(report, expected);
    Path lock = work.gitDir().resolve("index.lock");
    assertThat(recovered(report)).singleElement().isEqualTo("removed the stale lock " + lock + " that step 'revert'"
        + " (git.revert) left when its process was cut off; put back 1 file that step 'revert' (git.revert) had"
        + " half-written, as HEAD has them: Dockerfile.test");
    assertThat(work.dir().resolve("scripts").resolve(".run_docker_tests.sh.1f2e.rollback-tmp")).doesNotExist();
  }

  @Test
  void killedAfterTheIndexButBeforeTheRefMovedTheIndexIsRebuiltFromHeadAndTheRefLockRemoved() throws IOException {
    String expected = uninterrupted();
    crashAt("revert");
    String tree = revertTree();
    record("HEAD", tree);
    for (String f : List.of("Dockerfile.test", "docker-compose.test.yml", "scripts/run_docker_tests.sh")) {
      Files.delete(work.dir().resolve(f));
    }
    work.run("read-tree", tree);
    Files.writeString(work.gitDir().resolve("refs/heads/main.lock"), expected + "\n");
    assertThat(work.status()).contains("D  Dockerfile.test");

    RollbackReport report = resume();

    assertEndsAsUninterrupted(report, expected);
    assertThat(String.join("\n", recovered(report))).contains("removed the stale lock " + work.gitDir()
        .resolve("refs/heads/main.lock"), "put back 3 files", "rebuilt the index entries of Dockerfile.test,"
        + " docker-compose.test.yml, scripts/run_docker_tests.sh from HEAD");
  }

  @Test
  void killedAfterHeadMovedButBeforeTheJournalSaidSoTheRevertIsFoundAndNotMadeAgain() throws IOException {
    String expected = uninterrupted();
    crashAt("revert");
    String before = work.rev("HEAD");
    record("HEAD", revertTree());
    work.at(AT).run("revert", "--no-edit", culprit);
    assertThat(work.rev("HEAD")).isEqualTo(expected);
    assertThat(before).isNotEqualTo(expected);

    RollbackReport report = resume();

    assertEndsAsUninterrupted(report, expected);
    assertThat(report.step("revert").get().summary()).contains("reverted");
  }

  @Test
  void aRevertOfHeadTildeOneCutOffAfterHeadMovedIsFoundAndTheCommitBeforeItIsNotRevertedToo() throws IOException {
    RollbackPlan seedStyle = Rollback.plan("P3-007 emergency rollback, as the seed writes it")
        .severity(severity("critical").when(declared("ci-broken")).rollbackWithin(hours(1))
            .approval(single("maintainer")).procedure("emergency"))
        .emergency(procedure("emergency").phase(phase("Revert")
            .step(GitSteps.revert("HEAD~1").named("revert"))
            .validate(GitChecks.cleanWorkTree())))
        .build();
    try (RollbackExecutor e = executor(work, journal, "revert")) {
      assertThatThrownBy(() -> e.run(seedStyle, options())).isInstanceOf(Crash.class);
    }
    // The kill came after HEAD moved, before the journal said so: HEAD~1 now names "Later work".
    work.at(AT).run("revert", "--no-edit", culprit);
    String reverted = work.rev("HEAD");

    RollbackReport report;
    try (RollbackExecutor e = executor(work, journal, "none")) {
      report = e.resume(seedStyle, RUN);
    }

    assertThat(report.status()).as(report.summary()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(work.rev("HEAD")).isEqualTo(reverted);
    assertThat(work.run("log", "--format=%s", "-3")).isEqualTo("Revert \"P3-007: Add Docker test infrastructure\"\n"
        + "Later work\nP3-007: Add Docker test infrastructure");
    assertThat(report.step("revert").get().outputs()).containsEntry("commits", List.of(reverted));
  }

  @Test
  void killedInsideThePushTheOriginsRefLockIsRemovedAndThePushGoesOn() throws IOException {
    String expected = uninterrupted();
    crashAt("push");
    Path lock = origin.dir().resolve("refs/heads/main.lock");
    Files.createDirectories(lock.getParent());
    Files.writeString(lock, expected + "\n");
    // What JGit's receive-pack leaves beside a pack it was taking in: the same push again could not lock it.
    Path keep = origin.dir().resolve("objects/pack/pack-0123456789abcdef0123456789abcdef01234567.keep");
    Files.createDirectories(keep.getParent());
    Files.writeString(keep, "jgit receive-pack\n");
    Path kept = origin.dir().resolve("objects/pack/pack-1111111111111111111111111111111111111111.keep");
    Files.writeString(kept, "kept by an administrator\n");
    // The automatic garbage collection a receive-pack runs after the push, cut off too.
    Path gc = origin.dir().resolve("gc.log.lock");
    Files.writeString(gc, "");

    RollbackReport report = resume();

    assertEndsAsUninterrupted(report, expected);
    assertThat(recovered(report)).singleElement().isEqualTo("removed the stale lock " + gc + " that step 'push'"
        + " (git.push) left when its process was cut off; removed the stale lock " + lock + " that step 'push'"
        + " (git.push) left when its process was cut off; removed the stale pack lock " + keep + " that step"
        + " 'push' (git.push) left when its process was cut off");
    assertThat(kept).as("a keep file that is not a receive-pack's").exists();
  }

  @Test
  void killedWhileTheOriginWroteAPacksKeepItsLockIsRemovedAndThePushGoesOn() throws IOException {
    // Found by CrashTortureIT (seed -467057726568871342): JGit writes a pack's .keep through a lock file, and a kill
    // at that instant leaves pack-*.keep.lock, empty or half-written; the same push again "Cannot lock pack".
    String expected = uninterrupted();
    crashAt("push");
    Path keepLock = origin.dir().resolve("objects/pack/pack-0123456789abcdef0123456789abcdef01234567.keep.lock");
    Files.createDirectories(keepLock.getParent());
    Files.writeString(keepLock, "");

    RollbackReport report = resume();

    assertEndsAsUninterrupted(report, expected);
    assertThat(recovered(report)).singleElement().isEqualTo("removed the stale pack lock " + keepLock
        + " that step 'push' (git.push) left when its process was cut off");
    assertThat(keepLock).doesNotExist();
  }

  @Test
  void killedBetweenTheOriginsPackAndItsIndexThePackIsRemovedAndThePushGoesOn() throws IOException {
    // Found by CrashTortureIT (seed -8347981483314591604): the receive-pack had renamed the pack into place but not
    // yet written its index; the same push again made a pack of the same name, taken as present: "object missing".
    String expected = uninterrupted();
    crashAt("push");
    Path pack = origin.dir().resolve("objects/pack/pack-3ce5fef47d5ea7bfcd73c0c127331f2b01673c1d.pack");
    Files.createDirectories(pack.getParent());
    Files.write(pack, new byte[] {'P', 'A', 'C', 'K', 0, 0, 0, 2, 0, 0, 0, 0});

    RollbackReport report = resume();

    assertEndsAsUninterrupted(report, expected);
    assertThat(recovered(report)).singleElement().isEqualTo("removed the stale pack without an index " + pack
        + " that step 'push' (git.push) left when its process was cut off");
    assertThat(pack).doesNotExist();
  }

  @Test
  void killedWhileBackingUpRefsThePackedRefsLockIsRemovedAndTheBackupMadeAgain() throws IOException {
    String expected = uninterrupted();
    crashAt("check out main");
    // The journal as a kill inside the backup leaves it: the preparation announced, not finished.
    Path file = journal.resolve(RUN + ".jsonl");
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    int preparing = 0;
    while (!lines.get(preparing).contains("\"adapter.preparing\"")) {
      preparing++;
    }
    Files.write(file, lines.subList(0, preparing + 1), StandardCharsets.UTF_8);
    for (String ref : work.run("for-each-ref", "--format=%(refname)", "refs/rollback").split("\n")) {
      work.run("update-ref", "-d", ref);
    }
    Files.writeString(work.gitDir().resolve("packed-refs.lock"), "# pack-refs with: peeled\n");

    RollbackReport report = resume();

    assertEndsAsUninterrupted(report, expected);
    assertThat(report.interventions()).singleElement().satisfies(x -> {
      assertThat(x.subject()).isEqualTo("adapter 'git' preparing its first change");
      assertThat(x.summary()).isEqualTo("removed the stale lock " + work.gitDir().resolve("packed-refs.lock")
          + " that the preparation before the first change left when its process was cut off");
    });
    assertThat(work.run("for-each-ref", "--format=%(refname)", "refs/rollback")).contains("/refs/heads/main");
  }

  @Test
  void anOlderLockIsNotOursTheRunStopsNamingItAndTheCommandAndGoesOnOnceItIsRemoved() throws IOException {
    String expected = uninterrupted();
    crashAt("revert");
    Path lock = work.gitDir().resolve("index.lock");
    Files.writeString(lock, "");
    Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(3600)));

    RollbackReport stopped = resume();

    assertThat(stopped.status()).isEqualTo(RunStatus.STOPPED);
    assertThat(stopped.summary()).startsWith("the run was interrupted during step 'revert' in phase 'Revert', and"
        + " what that left behind cannot be cleared safely: " + lock + " dates from ")
        .contains("before the interrupted process started working on the run (", "so another git command made it;"
            + " if none runs in " + work.dir() + ", remove it: rm -f '" + lock + "'")
        .endsWith("; nothing more ran. Once it is dealt with, resume the run: rollback resume " + RUN);
    assertThat(lock).exists();
    assertThat(work.run("log", "--format=%s", "-1")).isEqualTo("Later work");

    Files.delete(lock);
    assertEndsAsUninterrupted(resume(), expected);
  }

  @Test
  void aLockTheCutOffProcessLeftStaysItsOwnAfterAResumeThatStoppedOnSomethingElse() throws Exception {
    String expected = uninterrupted();
    crashAt("revert");
    Path stale = work.gitDir().resolve("index.lock");
    Files.writeString(stale, "");
    Path old = work.gitDir().resolve("refs/heads/other.lock");
    Files.writeString(old, "");
    Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(3600)));
    // Time passes before the first resume, longer than the file times' slack.
    Thread.sleep(2500);

    RollbackReport stopped = resume();

    assertThat(stopped.status()).isEqualTo(RunStatus.STOPPED);
    assertThat(stopped.summary()).contains(old.toString()).doesNotContain(stale + " dates from");
    Files.delete(old);
    RollbackReport report = resume();

    assertEndsAsUninterrupted(report, expected);
    assertThat(recovered(report)).singleElement().asString().startsWith("removed the stale lock " + stale);
  }

  @Test
  void aLockHeldOpenByALiveProcessStopsTheRunNamingThatProcess() throws Exception {
    crashAt("revert");
    Path lock = work.gitDir().resolve("index.lock");
    Files.writeString(lock, "");
    Process holder = new ProcessBuilder("sh", "-c", "exec sleep 60 < '" + lock + "'").start();
    try {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!holdsOpen(holder.pid(), lock) && System.nanoTime() < until) {
        Thread.sleep(20);
      }
      RollbackReport stopped = resume();

      assertThat(stopped.status()).isEqualTo(RunStatus.STOPPED);
      assertThat(stopped.summary()).contains(lock + " is in use by process " + holder.pid() + " (",
          "sleep 60), which has it open: let it finish; if the file is still there afterwards and no git command"
          + " runs in " + work.dir() + ", remove it: rm -f '" + lock + "'");
      assertThat(lock).exists();
    } finally {
      holder.destroyForcibly();
      holder.waitFor();
    }
    assertThat(resume().status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  private static boolean holdsOpen(long pid, Path file) throws IOException {
    Path fds = Path.of("/proc", Long.toString(pid), "fd");
    if (!Files.isDirectory(fds)) {
      return false;
    }
    try (Stream<Path> s = Files.list(fds)) {
      return s.anyMatch(fd -> {
        try {
          return Files.readSymbolicLink(fd).equals(file);
        } catch (IOException e) {
          return false;
        }
      });
    }
  }

  @Test
  void aLockTheCutOffStepNeverTakesIsNotRemoved() throws IOException {
    crashAt("push");
    Path lock = work.gitDir().resolve("index.lock");
    Files.writeString(lock, "");

    RollbackReport stopped = resume();

    assertThat(stopped.status()).isEqualTo(RunStatus.STOPPED);
    assertThat(stopped.summary()).contains(lock + " exists, but step 'push' (git.push) never takes that lock, so"
        + " another git command made it; if none runs in " + work.dir() + ", remove it: rm -f '" + lock + "'");
    assertThat(lock).exists();
  }

  @Test
  void filesSomeoneElseChangedAreNeverOverwrittenTheRunStopsListingThem() throws IOException {
    crashAt("revert");
    record("HEAD", revertTree());
    Files.writeString(work.dir().resolve("Dockerfile.test"), "FROM someone-elses-edit\n");

    RollbackReport stopped = resume();

    assertThat(stopped.status()).isEqualTo(RunStatus.STOPPED);
    assertThat(stopped.summary()).contains("the work tree of " + work.dir() + " has changes to Dockerfile.test that"
        + " are neither what was there before step 'revert' (git.revert) nor what it was writing, so someone else"
        + " made them: keep what you need (git stash), put them back (git checkout HEAD -- 'Dockerfile.test'), then"
        + " resume");
    assertThat(work.read("Dockerfile.test")).isEqualTo("FROM someone-elses-edit\n");
  }

  @Test
  void aNewRunOnALockedRefSaysWhichFileAndWhatToDoInsteadOfLockFailure() throws IOException {
    Path lock = work.gitDir().resolve("refs/heads/main.lock");
    Files.writeString(lock, "");
    RollbackReport report;
    try (RollbackExecutor e = executor(work, journal, "none")) {
      report = e.run(plan(), RunOptions.defaults().withDeclared("ci-broken").withEmergency());
    }

    assertThat(report.status()).isEqualTo(RunStatus.HALTED);
    assertThat(report.step("revert").get().error()).hasValueSatisfying(m -> assertThat(m).contains("could not move"
        + " refs/heads/main from ", ": " + lock + " exists, so another git command is writing refs in " + work.dir()
        + ", or one was killed while writing them. If none is running there, remove it (rm -f '" + lock + "') and"
        + " try again; a run of ours that was cut off there removes it itself when resumed; nothing was changed")
        .doesNotContain("LOCK_FAILURE"));
    assertThat(work.status()).isEmpty();
    assertThat(work.run("log", "--format=%s", "-1")).isEqualTo("Later work");
  }

  @Test
  void aRunOnTheSameRepositoryFromAnotherWorkspaceAndJournalIsRefusedNamingTheHolder() throws IOException {
    Path elsewhere = Files.createDirectories(box.root().resolve("elsewhere"));
    List<Throwable> refused = new ArrayList<>();
    ManualClock clock = ManualClock.at(AT);
    RollbackExecutor second = RollbackExecutor.builder().workspace(elsewhere).adapter(GitAdapter.open(work.dir()))
        .journal(Journal.directory(elsewhere.resolve("journal"))).approver(Approvers.automatic("lead", "drill"))
        .clock(clock).build();
    try (RollbackExecutor first = RollbackExecutor.builder().workspace(work.dir()).adapter(GitAdapter.open(work.dir()))
        .journal(Journal.directory(journal)).approver(Approvers.automatic("lead", "drill")).clock(clock)
        .listener(e -> {
          if (e instanceof RunEvent.StepStarted && refused.isEmpty()) {
            refused.add(org.assertj.core.api.Assertions.catchThrowable(() -> second.run(plan(),
                RunOptions.defaults().withDeclared("ci-broken").withEmergency())));
          }
        }).build()) {
      assertThat(first.run(plan(), options()).status()).isEqualTo(RunStatus.SUCCEEDED);
    }
    second.close();

    assertThat(refused).singleElement().isInstanceOf(RunLockedException.class).satisfies(e -> assertThat(e)
        .hasMessageContaining("cannot run on the git target of " + work.gitDir().resolve("rollback") + ": run "
            + RUN + " of plan 'P3-007 emergency rollback' (process " + ProcessHandle.current().pid()));
    assertThat(elsewhere.resolve("journal")).doesNotExist();
  }
}
