package dev.rollback.git;

import static dev.rollback.Rollback.branch;
import static dev.rollback.Rollback.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.Step;
import dev.rollback.git.support.GitCli;
import dev.rollback.git.support.Runs;
import dev.rollback.git.support.Sandbox;
import dev.rollback.run.Journal;
import dev.rollback.spi.Audit;
import dev.rollback.spi.StepPreview;
import dev.rollback.testkit.AdapterHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real repositories as CI has them: stale clones, shallow clones, a remote that refuses, backups pruned; and the
 * small differences from git found on real history.
 */
class RemoteSafetyTest {

  private Sandbox box;
  private GitCli origin;
  private GitCli ours;
  private GitCli theirs;
  private String culprit;

  @BeforeEach
  void repositories() {
    box = Sandbox.create();
    GitCli seed = box.init("seed");
    seed.write("ci.yml", "direct\n").commitAll("stable");
    seed.at(Sandbox.EPOCH.plusSeconds(60)).write("ci.yml", "docker\n").commitAll("P3-007: docker");
    culprit = seed.rev("HEAD");
    origin = box.bare("origin.git");
    seed.run("push", "-q", origin.dir().toString(), "main");
    ours = box.clone(origin, "ours");
    theirs = box.clone(origin, "theirs");
  }

  @AfterEach
  void cleanUp() {
    box.close();
  }

  private static Set<String> revList(GitCli git) {
    String out = git.run("rev-list", "--all");
    return out.isEmpty() ? new HashSet<>() : new HashSet<>(Arrays.asList(out.split("\n")));
  }

  /** The bug of the issue: a stale clone's leased push went over a commit it never saw, and the audit said 0 lost. */
  @Test
  void aStaleCloneNeverOverwritesACommitPushedBeforeTheRun() throws Exception {
    theirs.at(Sandbox.EPOCH.plusSeconds(120)).write("hotfix.txt", "urgent\n").commitAll("someone else's hotfix");
    theirs.run("push", "-q", "origin", "main");
    String theirCommit = origin.rev("main");
    assertThat(ours.tryRun("push", "--force-with-lease", "--dry-run", "origin", "HEAD:main").ok())
        .as("git refuses: stale info").isFalse();
    Step revert = GitSteps.revert(culprit);
    Step push = GitSteps.pushWithLease("origin", branch("main"));
    try (GitAdapter adapter = GitAdapter.open(ours.dir())) {
      AdapterHarness run = Runs.run(adapter, "stale", ours.dir(), Sandbox.EPOCH.plusSeconds(600), revert, push);
      run.onRunStart();
      StepPreview preview = run.asPreview().preview(push);
      assertThat(preview.failure()).hasValueSatisfying(f -> assertThat(f).contains("someone else pushed"));
      assertThat(String.valueOf(preview.details().get("leaseFrom"))).contains("origin/main")
          .contains("not fetched by this run").contains("was last updated").contains("--fetch");
      run.apply(revert);
      assertThatThrownBy(() -> run.apply(push)).isInstanceOf(LeaseRejectedException.class)
          .hasMessageContaining("origin has it at " + theirCommit).hasMessageContaining("nothing was overwritten");
      assertThat(origin.rev("main")).isEqualTo(theirCommit);
      assertThat(adapter.onRunEnd(run).orElseThrow().passed()).isTrue();
    }
  }

  @Test
  void withAFetchTheLeaseExpectsTheirCommitAndAFastForwardOnTopOfItGoesThrough() throws Exception {
    theirs.at(Sandbox.EPOCH.plusSeconds(120)).write("hotfix.txt", "urgent\n").commitAll("someone else's hotfix");
    theirs.run("push", "-q", "origin", "main");
    String theirCommit = origin.rev("main");
    ours.run("pull", "-q", "--ff-only");
    ours.run("reset", "-q", "--hard", "HEAD~1");
    // ours is behind; the plan fetches, then reverts on top of what origin holds.
    Step fetch = GitSteps.fetch("origin");
    Step checkout = GitSteps.checkoutNewBranch(branch("rb"), "origin/main");
    Step revert = GitSteps.revert(culprit);
    Step push = GitSteps.pushWithLease("origin", branch("rb"), branch("main"));
    try (GitAdapter adapter = GitAdapter.open(ours.dir())) {
      AdapterHarness run = Runs.run(adapter, "fetched", ours.dir(), Sandbox.EPOCH.plusSeconds(600), fetch, checkout,
          revert, push);
      run.onRunStart();
      assertThat(run.remembered()).containsKey("git.fetched.origin")
          .containsEntry("git.lease.origin.refs/heads/main", theirCommit);
      run.apply(fetch);
      run.apply(checkout);
      run.apply(revert);
      run.apply(push);
      assertThat(origin.rev("main")).isEqualTo(ours.rev("rb"));
      assertThat(ours.run("rev-parse", "rb~1")).as("the revert is on top of their commit").isEqualTo(theirCommit);
      Audit audit = adapter.onRunEnd(run).orElseThrow();
      assertThat(audit.passed()).isTrue();
      assertThat(audit.evidence()).containsEntry("remoteRefsPushed", 1).containsEntry("remoteCommitsLost", 0L)
          .containsEntry("remoteCommitsNoLongerOnRemote", 0L);
      assertThat(audit.summary()).contains("on the remote, 1 ref pushed, and every commit it held before is still");
    }
  }

  @Test
  void aPreReceiveHookThatDeclinesIsReportedInItsOwnWordsAndNothingLocalChanges() throws Exception {
    Path hook = origin.dir().resolve("hooks/pre-receive");
    Files.createDirectories(hook.getParent());
    Files.writeString(hook, "#!/bin/sh\necho 'main is frozen for the release: ask #release-team' >&2\nexit 1\n");
    Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
    // A real git receive-pack on the other side, so the hook runs (JGit's in-process one runs no hooks).
    ours.run("config", "remote.origin.receivepack", "/usr/bin/git-receive-pack");
    Step revert = GitSteps.revert(culprit);
    Step push = GitSteps.pushWithLease("origin", branch("main"));
    try (GitAdapter adapter = GitAdapter.open(ours.dir())) {
      AdapterHarness run = Runs.run(adapter, "hook", ours.dir(), Sandbox.EPOCH.plusSeconds(600), revert, push);
      run.onRunStart();
      run.apply(revert);
      String head = ours.rev("HEAD");
      String tracking = ours.rev("origin/main");
      String status = ours.status();
      assertThatThrownBy(() -> run.apply(push)).isInstanceOf(GitException.class)
          .hasMessageContaining("origin refused the push of main to refs/heads/main")
          .hasMessageContaining("main is frozen for the release: ask #release-team")
          .hasMessageContaining("hook")
          .hasMessageContaining("Nothing was changed on origin")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("REJECTED_OTHER_REASON"));
      assertThat(ours.rev("HEAD")).isEqualTo(head);
      assertThat(ours.rev("origin/main")).as("the remote-tracking ref did not move").isEqualTo(tracking);
      assertThat(ours.status()).isEqualTo(status);
      assertThat(origin.rev("main")).isEqualTo(culprit);
    }
  }

  @Test
  void aShallowCloneOfAThousandCommitsRevertsHeadTildeFiveOnlyWithHistoryAndThenAsGitDoes() throws Exception {
    GitCli bigOrigin = box.bare("big.git");
    // A thousand commits in one git fast-import, each editing one of seven files.
    StringBuilder stream = new StringBuilder();
    for (int i = 0; i < 1_000; i++) {
      String message = "commit " + i + "\n";
      String content = "line " + i + "\n";
      stream.append("commit refs/heads/main\ncommitter Rollback Test <test@rollback.dev> ")
          .append(Sandbox.EPOCH.getEpochSecond() + i).append(" +0000\ndata ").append(message.length()).append('\n')
          .append(message).append("M 100644 inline f").append(i % 7).append(".txt\ndata ").append(content.length())
          .append('\n').append(content).append('\n');
    }
    assertThat(bigOrigin.exec(stream.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), "fast-import",
        "--quiet").ok()).isTrue();
    GitCli shallow = box.shallowClone(bigOrigin, "shallow", 1);
    GitCli reference = box.clone(bigOrigin, "reference");
    reference.run("revert", "--no-edit", "HEAD~5");
    String target = reference.rev("HEAD~6");

    try (GitAdapter adapter = GitAdapter.open(shallow.dir())) {
      Step revert = GitSteps.revert("HEAD~5");
      AdapterHarness run = Runs.run(adapter, "no-network", shallow.dir(), Sandbox.EPOCH, revert);
      String head = shallow.rev("HEAD");
      assertThatThrownBy(() -> run.apply(revert)).isInstanceOf(GitException.class)
          .hasMessageContaining("shallow clone")
          .hasMessageContaining(Sandbox.class.getSimpleName().isEmpty() ? "" : reference.rev("HEAD~2"))
          .hasMessageContaining("nothing was changed").hasMessageContaining("git fetch --deepen")
          .hasMessageContaining("GitSteps.fetch(\"origin\")");
      assertThat(shallow.rev("HEAD")).isEqualTo(head);
      assertThat(shallow.status()).isEmpty();
    }
    assertThat(target).isNotEmpty();
    try (GitAdapter adapter = GitAdapter.open(shallow.dir()).fetchingAtAssessment()) {
      Step revert = GitSteps.revert("HEAD~5");
      Step push = GitSteps.push("origin", branch("main"));
      AdapterHarness run = Runs.run(adapter, "deepen", shallow.dir(), Sandbox.EPOCH, revert, push);
      run.onRunStart();
      run.apply(revert);
      assertThat(shallow.rev("HEAD^{tree}")).as("git's tree").isEqualTo(reference.rev("HEAD^{tree}"));
      assertThat(shallow.run("log", "-1", "--format=%B")).isEqualTo(reference.run("log", "-1", "--format=%B"));
    }
  }

  @Test
  void aSearchOverAShallowHistorySaysSo() throws Exception {
    GitCli shallow = box.shallowClone(origin, "shallow", 1);
    try (GitAdapter adapter = GitAdapter.open(shallow.dir())) {
      Step find = GitSteps.commitMatching("P3-007").all();
      AdapterHarness run = Runs.run(adapter, "search", shallow.dir(), Sandbox.EPOCH, find);
      assertThat(run.apply(find).summary()).contains("searched a shallow clone");
    }
  }

  @Test
  void commitMatchingAnEmptyLineFindsWhatGitLogGrepFinds() throws Exception {
    GitCli g = box.init("grep");
    g.run("commit", "-q", "--allow-empty", "-m", "one line");
    g.run("commit", "-q", "--allow-empty", "-m", "subject", "-m", "body");
    g.run("commit", "-q", "--allow-empty", "--allow-empty-message", "-m", "");
    g.exec("crlf\r\n\r\nbody\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), "commit", "-q", "--allow-empty",
        "--cleanup=verbatim", "-F", "-");
    for (String regex : List.of("^$", "body$", "^one", "line$")) {
      Set<String> git = new HashSet<>();
      String out = g.run("log", "--format=%H", "--grep", regex);
      if (!out.isEmpty()) {
        git.addAll(Arrays.asList(out.split("\n")));
      }
      try (GitAdapter adapter = GitAdapter.open(g.dir())) {
        Step find = GitSteps.commitMatching(regex).all();
        AdapterHarness run = Runs.run(adapter, "grep", g.dir(), Sandbox.EPOCH, find);
        assertThat(new HashSet<>((List<?>) run.apply(find).value().orElseThrow())).as("--grep '" + regex + "'")
            .isEqualTo(git);
      }
    }
  }

  @Test
  void aModifyDeleteConflictSaysSo() throws Exception {
    ours.run("rm", "-q", "ci.yml");
    ours.run("commit", "-q", "-m", "drop ci.yml");
    try (GitAdapter adapter = GitAdapter.open(ours.dir())) {
      Step revert = GitSteps.revert(culprit);
      AdapterHarness run = Runs.run(adapter, "md", ours.dir(), Sandbox.EPOCH, revert);
      assertThatThrownBy(() -> run.apply(revert)).isInstanceOf(GitConflictException.class)
          .hasMessageContaining("ci.yml (modify/delete: deleted on HEAD, modified by the revert)");
    }
    assertThat(ours.tryRun("revert", "--no-edit", culprit).out()).contains("CONFLICT (modify/delete)");
  }

  /** A finished run of a one-step plan through the executor, at an instant: it leaves a journal and backups. */
  private void finishedRun(Path journalDir, String id, Instant at) {
    dev.rollback.run.ManualClock clock = dev.rollback.run.ManualClock.at(at);
    dev.rollback.RollbackPlan plan = dev.rollback.Rollback.plan("prune drill")
        .severity(dev.rollback.Rollback.severity("high").when(dev.rollback.Rollback.declared("go"))
            .rollbackWithin(Duration.ofHours(1)).approval(dev.rollback.Rollback.role("lead")).procedure("p"))
        .procedure(dev.rollback.Rollback.procedure("p").phase(dev.rollback.Rollback.phase("tag")
            .step(GitSteps.tag(branch("t-{{run.id}}"), "HEAD")).validate(GitChecks.cleanWorkTree())))
        .build();
    try (dev.rollback.run.RollbackExecutor executor = dev.rollback.run.RollbackExecutor.builder().workspace(ours.dir())
        .adapter(GitAdapter.open(ours.dir())).journal(Journal.directory(journalDir))
        .approver(dev.rollback.run.Approvers.automatic("lead", "drill")).clock(clock).sleeper(clock).build()) {
      dev.rollback.report.RollbackReport r = executor.run(plan, dev.rollback.run.RunOptions.defaults().withDeclared("go")
          .withRunId(id));
      assertThat(r.status()).as(r.summary()).isEqualTo(dev.rollback.report.RunStatus.SUCCEEDED);
    }
  }

  @Test
  void pruneRemovesOnlyTheBackupsOfFinishedRunsOlderThanTheLimit() throws Exception {
    Path journalDir = box.root().resolve("journal");
    finishedRun(journalDir, "old-done", Instant.parse("2026-01-01T00:00:00Z"));
    finishedRun(journalDir, "recent-done", Instant.parse("2026-03-01T00:00:00Z"));
    // A run interrupted before its last record: its journal is a finished one without the "finished" record.
    List<String> lines = Files.readAllLines(journalDir.resolve("old-done.jsonl"));
    assertThat(lines.get(lines.size() - 1)).contains("\"finished\"");
    Files.write(journalDir.resolve("old-unfinished.jsonl"), lines.subList(0, lines.size() - 1));
    // A run that stopped to wait for a person and a resume: its last record says STOPPED.
    List<String> stopped = new java.util.ArrayList<>(lines);
    assertThat(stopped.get(stopped.size() - 1)).contains("\"status\":\"SUCCEEDED\"");
    stopped.set(stopped.size() - 1, stopped.get(stopped.size() - 1).replace("\"status\":\"SUCCEEDED\"",
        "\"status\":\"STOPPED\""));
    Files.write(journalDir.resolve("old-stopped.jsonl"), stopped);
    for (String run : List.of("old-unfinished", "old-stopped", "unknown-run")) {
      ours.run("update-ref", "refs/rollback/" + run + "/refs/heads/main", "HEAD");
      ours.run("update-ref", "refs/rollback/" + run + "/HEAD", "HEAD");
    }
    Journal journal = Journal.directory(journalDir);
    assertThat(journal.finishedAt("old-done")).isPresent();
    assertThat(journal.finishedAt("old-unfinished")).isEmpty();
    assertThat(journal.finishedAt("old-stopped")).isEmpty();
    int oldRefs = ours.run("for-each-ref", "--format=%(refname)", "refs/rollback/old-done/").split("\n").length;
    try (GitAdapter adapter = GitAdapter.open(ours.dir())) {
      BackupPrune pruned = adapter.pruneBackups(journal, Duration.ofDays(30), Instant.parse("2026-03-10T00:00:00Z"));
      assertThat(pruned.pruned()).containsExactly("old-done");
      assertThat(pruned.refsDeleted()).isEqualTo(oldRefs);
      assertThat(pruned.kept()).containsOnlyKeys("refs/rollback/old-unfinished/", "refs/rollback/old-stopped/",
          "refs/rollback/recent-done/", "refs/rollback/unknown-run/");
      assertThat(pruned.kept().get("refs/rollback/old-unfinished/")).contains("has not finished");
    }
    String left = ours.run("for-each-ref", "--format=%(refname)", "refs/rollback/");
    assertThat(left).doesNotContain("refs/rollback/old-done/").contains("refs/rollback/old-unfinished/refs/heads/main")
        .contains("refs/rollback/recent-done/").contains("unknown-run");
    assertThat(ours.run("tag", "-l")).contains("t-old-done").contains("t-recent-done");
  }

  @Test
  void pushingRemovesNothingTheRemoteHeldEvenWhenRewriting() throws Exception {
    ours.write("ci.yml", "fixed\n").run("commit", "-q", "-a", "--amend", "-m", "P3-007: docker, fixed");
    ours.run("fetch", "-q", "origin");
    Set<String> before = revList(origin);
    try (GitAdapter adapter = GitAdapter.open(ours.dir())) {
      Step push = GitSteps.pushWithLease("origin", branch("main"));
      AdapterHarness run = Runs.run(adapter, "rw", ours.dir(), Sandbox.EPOCH.plusSeconds(600), push);
      run.onRunStart();
      assertThatThrownBy(() -> run.apply(push)).hasMessageContaining("not a fast-forward")
          .hasMessageContaining("pushRewritingHistory");
      assertThat(origin.rev("main")).isEqualTo(culprit);
    }
    assertThat(revList(origin)).isEqualTo(before);
    assertThat(path("x")).isNotNull();
  }
}
