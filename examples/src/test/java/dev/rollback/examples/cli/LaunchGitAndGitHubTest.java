package dev.rollback.examples.cli;

import static dev.rollback.examples.GitCli.git;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.examples.P3007Plan;
import dev.rollback.examples.sandbox.Sandbox;
import dev.rollback.examples.sandbox.SandboxSpec;
import dev.rollback.testkit.FakeGitHub;
import dev.rollback.testkit.FakeRepository;
import dev.rollback.testkit.FakeRun;
import dev.rollback.testkit.FakeWorkflow;
import dev.rollback.testkit.RecordedRequest;
import dev.rollback.testkit.RunScript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./rollback preview} and {@code run} of the P3-007 plan as a user types them, in this JVM: Git in a
 * generated repository with a bare origin ({@code --repo}), GitHub on the contract-checked simulated GitHub
 * ({@code --github acme/x --github-url ...}) with the token given only through the environment
 * ({@code GITHUB_TOKEN}), Docker skipped as asked ({@code --skip-unavailable docker}, an engine address nobody
 * answers at). CI on main has failed four times since P3-007 and two runs are still in progress.
 */
class LaunchGitAndGitHubTest {

  private static final String TOKEN = "ghp_launcherTestToken0123456789abcdefABCD";
  private static final String PLAN = P3007Plan.class.getName();

  @TempDir
  Path dir;

  private Sandbox sandbox;
  private FakeGitHub github;
  private FakeRepository repo;
  private List<FakeRun> inProgress;

  @BeforeEach
  void sandboxAndSimulatedGitHub() throws IOException {
    sandbox = Sandbox.create(dir.resolve("sandbox"), SandboxSpec.demo());
    github = FakeGitHub.builder().requireToken(TOKEN).start();
    repo = github.repository("acme/x");
    repo.branch("main", sandbox.head());
    FakeWorkflow ci = repo.workflow("ci.yml").named("CI");
    Instant now = github.clock().instant();
    for (int i = 0; i < 4; i++) {
      ci.newRun().branch("main").headSha(sandbox.head()).createdAt(now.minus(Duration.ofMinutes(40 - 5L * i)))
          .script(RunScript.failsAfter(Duration.ofMinutes(2))).create();
    }
    inProgress = new ArrayList<>();
    for (int i = 2; i >= 1; i--) {
      inProgress.add(ci.newRun().branch("main").headSha(sandbox.head()).createdAt(now.minus(Duration.ofMinutes(i)))
          .script(RunScript.neverFinishes()).create());
    }
    ci.onDispatch(RunScript.succeedsAfter(Duration.ZERO));
  }

  @AfterEach
  void stopGitHub() {
    github.close();
  }

  @Test
  void previewOfP3007ReadsGitAndGitHubAndChangesNothing() {
    String before = state();

    CliRun r = launch("preview", PLAN, "--severity", "critical");

    assertThat(r.status()).as(r.err() + r.out()).isZero();
    assertThat(r.out()).startsWith("# Preview: P3-007 Docker CI test execution\n").contains(
        "**Procedure:** emergency",
        "- critical: trigger ci-broken: ci_failure_streak = 4 >= 3",
        "would cancel 2 runs of ci.yml on main that have not completed: " + inProgress.get(1).id() + ", "
            + inProgress.get(0).id(),
        "revert " + sandbox.changeCommits().get(1).substring(0, 7) + " \"P3-007: Run CI tests in Docker\", "
            + sandbox.changeCommits().get(0).substring(0, 7) + " \"P3-007: Add Docker test infrastructure\"",
        "push with lease origin main",
        "would dispatch ci.yml on main");
    assertThat(state()).as("refs, index and work tree of the repository and its origin").isEqualTo(before);
    assertThat(sandbox.work().resolve(".rollback")).doesNotExist();
    assertThat(sandbox.work().resolve("notes")).doesNotExist();
    assertThat(github.requests()).as("the preview read GitHub").isNotEmpty()
        .allSatisfy(q -> assertThat(q.method()).as(q.toString()).isEqualTo("GET"));
    assertThat(github.requests()).allMatch(RecordedRequest::authenticated);
    assertThat(inProgress).allSatisfy(run -> assertThat(repo.run(run.id()).status()).isEqualTo("in_progress"));
    assertThat(repo.issues()).isEmpty();
    assertThat(r.out() + r.err()).doesNotContain(TOKEN);
    github.assertNoViolations();
  }

  @Test
  void runWithEmergencyRevertsOnOriginCancelsCiDispatchesItAgainAndNeverShowsTheToken() throws IOException {
    // GitHub learns of a push when it happens; the simulated one is told just before the dispatch asks for main.
    github.beforeNext("actions/create-workflow-dispatch",
        () -> repo.branch("main", git(sandbox.origin(), "rev-parse", "main").strip()));

    CliRun r = launch("run", PLAN, "--severity", "critical", "--emergency", "--yes");

    assertThat(r.status()).as(r.err() + r.out()).isZero();
    assertThat(r.out()).startsWith("# Incident report: P3-007 Docker CI test execution\n\n**SUCCEEDED**")
        .contains("| Procedure | emergency (emergency forced)");
    assertThat(git(sandbox.origin(), "log", "-2", "--format=%s", "main").lines())
        .containsExactly("Revert \"P3-007: Add Docker test infrastructure\"", "Revert \"P3-007: Run CI tests in Docker\"");
    assertThat(git(sandbox.origin(), "rev-parse", "main^{tree}"))
        .as("origin's main has the files of the last commit before P3-007")
        .isEqualTo(git(sandbox.origin(), "rev-parse", sandbox.stableCommit() + "^{tree}"));
    assertThat(git(sandbox.origin(), "merge-base", "--is-ancestor", sandbox.head(), "main")).isEmpty();

    assertThat(inProgress).allSatisfy(run -> {
      FakeRun now = repo.run(run.id());
      assertThat(now.status()).isEqualTo("completed");
      assertThat(now.conclusion()).hasValue("cancelled");
    });
    List<FakeRun> runs = repo.workflow("ci.yml").runs();
    FakeRun dispatched = runs.get(runs.size() - 1);
    assertThat(dispatched.event()).isEqualTo("workflow_dispatch");
    assertThat(dispatched.branch()).isEqualTo("main");
    assertThat(dispatched.headSha()).as("CI ran on the reverts pushed to main")
        .isEqualTo(git(sandbox.origin(), "rev-parse", "main").strip());
    assertThat(dispatched.conclusion()).hasValue("success");
    assertThat(repo.issues()).extracting(i -> i.title()).containsExactly("P3-007 Rollback Notification");
    github.assertNoViolations();

    assertThat(r.out()).doesNotContain(TOKEN);
    assertThat(r.err()).doesNotContain(TOKEN);
    assertThat(repo.issue(1).body()).doesNotContain(TOKEN);
    List<Path> written = files(sandbox.work().resolve(".rollback"));
    written.addAll(files(sandbox.work().resolve("notes")));
    assertThat(written).as("the journal and the notification").hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(f -> assertThat(Files.readString(f, StandardCharsets.UTF_8)).as(f.toString())
            .doesNotContain(TOKEN));
  }

  @Test
  void aPreReceiveHookThatDeclinesFailsTheRunWithTheHooksWordsExitOneAndOriginUntouched() throws IOException {
    Path hook = sandbox.origin().resolve("hooks/pre-receive");
    Files.createDirectories(hook.getParent());
    Files.writeString(hook, "#!/bin/sh\necho 'main is protected: open a pull request' >&2\nexit 1\n");
    hook.toFile().setExecutable(true);
    // A real git receive-pack serves the push, so the hook runs.
    git(sandbox.work(), "config", "remote.origin.receivepack", "/usr/bin/git-receive-pack");
    String originBefore = git(sandbox.origin(), "for-each-ref", "--format=%(refname) %(objectname)");

    CliRun r = launch("run", PLAN, "--severity", "critical", "--emergency", "--yes");

    assertThat(r.status()).as(r.err() + r.out()).isEqualTo(1);
    assertThat(r.out() + r.err()).contains("origin refused the push of main to refs/heads/main")
        .contains("main is protected: open a pull request").doesNotContain("REJECTED_OTHER_REASON");
    assertThat(git(sandbox.origin(), "for-each-ref", "--format=%(refname) %(objectname)")).isEqualTo(originBefore);
    assertThat(git(sandbox.work(), "status", "--porcelain")).as("nothing half-done in the work tree").isEmpty();
  }

  @Test
  void pruneDeletesTheBackupsOfAFinishedRunOnlyOnceItIsOldEnough() {
    github.beforeNext("actions/create-workflow-dispatch",
        () -> repo.branch("main", git(sandbox.origin(), "rev-parse", "main").strip()));
    CliRun run = launch("run", PLAN, "--severity", "critical", "--emergency", "--yes", "--fetch");
    assertThat(run.status()).as(run.err() + run.out()).isZero();
    assertThat(git(sandbox.work(), "for-each-ref", "--format=%(refname)", "refs/rollback/"))
        .contains("/remote/origin/refs/heads/main");

    CliRun young = CliRun.of("prune", "--older-than", "30d", "--repo", sandbox.work().toString());
    assertThat(young.status()).as(young.err()).isZero();
    assertThat(young.out()).contains("0 runs pruned").contains("less than PT720H ago");
    CliRun all = CliRun.of("prune", "--older-than", "0d", "--repo", sandbox.work().toString());
    assertThat(all.status()).as(all.err()).isZero();
    assertThat(all.out()).contains("1 run pruned");
    assertThat(git(sandbox.work(), "for-each-ref", "--format=%(refname)", "refs/rollback/")).isBlank();

    CliRun bad = CliRun.of("prune", "--older-than", "a month", "--repo", sandbox.work().toString());
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err()).contains("--older-than 'a month' is not an age");
  }

  private CliRun launch(String verb, String plan, String... more) {
    List<String> args = new ArrayList<>(List.of(verb, plan, "--repo", sandbox.work().toString(),
        "--github", "acme/x", "--github-url", github.baseUrl(),
        "--skip-unavailable", "docker", "--docker-host", "unix://" + dir.resolve("no-engine.sock"),
        "--notify", "github-issue=github-issue", "--notify", "chat=files:notes"));
    args.addAll(List.of(more));
    return CliRun.in(Map.of("GITHUB_TOKEN", TOKEN, "HOME", dir.toString()), args.toArray(new String[0]));
  }

  /** What the git command line shows of the work tree and its origin: every ref, HEAD, the index, the files. */
  private String state() {
    return String.join("\n--\n",
        git(sandbox.work(), "for-each-ref", "--format=%(refname) %(objectname)"),
        git(sandbox.work(), "rev-parse", "HEAD"),
        git(sandbox.work(), "symbolic-ref", "HEAD"),
        git(sandbox.work(), "status", "--porcelain=v1", "--ignored", "--untracked-files=all"),
        git(sandbox.work(), "ls-files", "--stage", "--debug"),
        git(sandbox.work(), "stash", "list"),
        git(sandbox.origin(), "for-each-ref", "--format=%(refname) %(objectname)"));
  }

  private static List<Path> files(Path root) {
    if (!Files.isDirectory(root)) {
      return new ArrayList<>();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).collect(Collectors.toCollection(ArrayList::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
