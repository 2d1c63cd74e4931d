package dev.rollback.examples.cli;

import static dev.rollback.Rollback.declared;
import static dev.rollback.Rollback.hours;
import static dev.rollback.Rollback.message;
import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.procedure;
import static dev.rollback.Rollback.severity;
import static dev.rollback.Rollback.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.Checks;
import dev.rollback.Command;
import dev.rollback.NotificationEvent;
import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.Signals;
import dev.rollback.Steps;
import dev.rollback.Unit;
import dev.rollback.git.GitChecks;
import dev.rollback.git.GitSteps;
import dev.rollback.github.GitHubSignals;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher is loud where it used to be quiet or confusing: each test is named after what broke, runs the
 * command line as a user types it (in this JVM), and checks the exit status, the words and that nothing changed.
 */
class LaunchLoudFailuresTest {

  private static final String IMPORTS = "import static dev.rollback.Rollback.*;\nimport dev.rollback.*;\n";

  @TempDir
  Path dir;

  /**
   * A plan whose only severity depends on a signal command that exits 3.
   *
   * @return the plan
   */
  public static RollbackPlan unmeasurablePlan() {
    return Rollback.plan("unmeasurable")
        .severity(severity("high").when(Signals.commandNumber(Command.of("sh", "-c", "echo 0.5; exit 3"),
            "([0-9.]+)", Unit.RATIO).named("ci_success_rate").below(0.95)).rollbackWithin(hours(1))
            .approval(single("maintainer")))
        .procedure(procedure("p").phase(phase("one").step(Steps.command("touch", "rolled-back"))
            .validate(Checks.command("test", "-f", "rolled-back"))))
        .build();
  }

  /**
   * The touch plan with a message on a channel the command line may not register.
   *
   * @return the plan
   */
  public static RollbackPlan chatPlan() {
    return RollbackPlan.builder().from(LaunchVerbsTest.touchPlan()).name("touch and tell")
        .communicate(message("done").on(NotificationEvent.ROLLBACK_COMPLETED).title("Rolled back").body("Done.")
            .via("chat"))
        .build();
  }

  /**
   * A plan whose step prints terminal control sequences and fails with them in its error.
   *
   * @return the plan
   */
  public static RollbackPlan hostileOutputPlan() {
    return Rollback.plan("hostile output")
        .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
        .procedure(procedure("p").phase(phase("one")
            .step(Steps.command("sh", "-c", "printf '\\033]0;pwned\\007\\033[2J\\r\\033[31mred\\n'; echo"
                + " 'fatal: \\033[2Jcleared' >&2; exit 1").named("print escapes"))
            .validate(Checks.command("true"))))
        .build();
  }

  /**
   * A plan that reverts HEAD: it needs a work tree.
   *
   * @return the plan
   */
  public static RollbackPlan revertPlan() {
    return Rollback.plan("revert head")
        .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
        .procedure(procedure("p").phase(phase("one").step(GitSteps.revert("HEAD"))
            .validate(GitChecks.cleanWorkTree())))
        .build();
  }

  /**
   * A plan that finds the culprit by its subject, then reverts it.
   *
   * @return the plan
   */
  public static RollbackPlan culpritPlan() {
    return Rollback.plan("revert the culprit")
        .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
        .checklist(GitChecks.commitMatching("P3-007").newest().as("culprit"))
        .procedure(procedure("p").phase(phase("one").step(GitSteps.revert(Rollback.ref("culprit")))
            .validate(GitChecks.cleanWorkTree())))
        .build();
  }

  /**
   * A plan that reads CI on GitHub.
   *
   * @return the plan
   */
  public static RollbackPlan githubPlan() {
    return Rollback.plan("github")
        .severity(severity("high").when(GitHubSignals.failureStreak(GitHubSignals.workflow("ci.yml")).atLeast(3))
            .rollbackWithin(hours(1)).approval(single("maintainer")))
        .procedure(procedure("p").phase(phase("one").step(Steps.command("true")).validate(Checks.command("true"))))
        .build();
  }

  private static String plan(String method) {
    return LaunchLoudFailuresTest.class.getName() + "#" + method;
  }

  private Path script(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  /** A run whose severity depended on an unmeasurable signal ended NO_ROLLBACK with exit 0, like a healthy one. */
  @Test
  void aSignalCommandExitingThreeMakesRunAndPreviewExitThreeNotZero() {
    CliRun run = CliRun.of("run", plan("unmeasurablePlan"), "--repo", dir.toString(), "--yes");
    CliRun preview = CliRun.of("preview", plan("unmeasurablePlan"), "--repo", dir.toString());

    assertThat(run.status()).as(run.err()).isEqualTo(3);
    assertThat(run.out()).contains("**UNDECIDED** — undecided because signal ci_success_rate is unknown: ");
    assertThat(run.err()).contains("could not decide (exit 3): undecided because signal ci_success_rate is unknown");
    assertThat(dir.resolve("rolled-back")).doesNotExist();
    assertThat(preview.status()).isEqualTo(3);
    assertThat(preview.out()).contains("## Problems\n\n- undecided because signal ci_success_rate is unknown");
    assertThat(CliRun.of("help").out()).contains("3 the run could not decide");
  }

  /** A run went on, and succeeded, with a message channel no notifier was registered for; preview flagged it. */
  @Test
  void runRefusesAChannelWithNoNotifierUpFrontInThePreviewsWords() {
    CliRun preview = CliRun.of("preview", plan("chatPlan"), "--repo", dir.toString(), "--declare", "broken");
    CliRun run = CliRun.of("run", plan("chatPlan"), "--repo", dir.toString(), "--declare", "broken", "--yes");

    String words = "message 'done' goes through channel 'chat', which has no notifier";
    assertThat(preview.status()).isEqualTo(1);
    assertThat(preview.out()).contains("- " + words);
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains(words).contains("nothing ran");
    assertThat(dir.resolve("rolled-back")).doesNotExist();
    assertThat(dir.resolve(".rollback")).doesNotExist();
  }

  /** {@code System.exit(0)} in a script made {@code check} and {@code run} exit 0 with nothing done. */
  @Test
  void systemExitInAScriptMakesCheckAndRunExitTwoNamingTheLine() throws IOException {
    Path s = script("exits.jsh", IMPORTS + "RollbackPlan plan = plan(\"p\").build();\nSystem.exit(0);\n");

    CliRun check = CliRun.of("check", s.toString());
    CliRun run = CliRun.of("run", s.toString(), "--repo", dir.toString(), "--yes");

    assertThat(check.status()).isEqualTo(2);
    assertThat(check.err()).contains("line 4: calls System.exit, which would end the launcher with nothing done");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("line 4: calls System.exit");
  }

  /** An endless loop in a script hung {@code check} for ever. */
  @Test
  void anEndlessLoopInAScriptStopsCheckAtTheTimeLimitItNames() throws IOException {
    Path s = script("loops.jsh", IMPORTS + "while (true) {\n}\n");
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("ROLLBACK_PLAN_TIMEOUT", "3s");

    CliRun check = CliRun.in(env, "check", s.toString());
    env.put("ROLLBACK_PLAN_TIMEOUT", "soon");
    CliRun bad = CliRun.in(env, "check", s.toString());

    assertThat(check.status()).isEqualTo(2);
    // Which line it had reached depends on the machine's speed (JShell compiles the imports first); PlanScriptTest
    // checks that it names the loop's.
    assertThat(check.err()).contains("did not finish building its plan within 3 seconds (it was running the snippet"
        + " at line ", "ROLLBACK_PLAN_TIMEOUT=120s");
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err()).contains("ROLLBACK_PLAN_TIMEOUT='soon' is not a time limit; give seconds or minutes, such"
        + " as 120s or 5m");
  }

  /** A Latin-1 script was answered "Input length = 1". */
  @Test
  void aLatin1ScriptIsNamedAsNotUtf8WithItsLine() throws IOException {
    Path s = dir.resolve("latin1.jsh");
    Files.write(s, (IMPORTS + "// d\u00e9ploiement\nRollbackPlan plan = plan(\"p\").build();\n")
        .getBytes(StandardCharsets.ISO_8859_1));

    CliRun check = CliRun.of("check", s.toString());

    assertThat(check.status()).isEqualTo(2);
    assertThat(check.err()).contains("is not UTF-8: line 3, column 5 holds the byte 0xE9")
        .doesNotContain("Input length");
  }

  /** A directory named {@code x.jsh} was answered "no such file". */
  @Test
  void aDirectoryNamedLikeAScriptIsNamedAsADirectory() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("x.jsh"));

    CliRun check = CliRun.of("check", folder.toString());

    assertThat(check.status()).isEqualTo(2);
    assertThat(check.err()).contains(folder + " is a directory, not a plan: name a .jsh script")
        .doesNotContain("no such file");
  }

  /** {@code resume ../../../x/evil} opened a journal outside the journal directory. */
  @Test
  void aRunIdThatIsAPathIsRefusedBeforeAnyFileIsOpened() throws IOException {
    Path outside = Files.createDirectories(dir.resolve("x"));
    Files.writeString(outside.resolve("evil.jsonl"), "{}\n");
    Files.createDirectories(dir.resolve("repo/.rollback"));

    CliRun r = CliRun.of("resume", "../../x/evil", "--repo", dir.resolve("repo").toString());

    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).startsWith("rollback resume: '../../x/evil' is not a run id: run ids start with a letter or"
        + " digit and hold only letters, digits, '.', '_' and '-'");
  }

  /** An empty journal was answered "the journal ... is empty", without saying what to do. */
  @Test
  void anEmptyJournalSaysNothingChangedAndWhatToDo() throws IOException {
    Path journal = Files.createDirectories(dir.resolve(".rollback"));
    Files.writeString(journal.resolve("20260101-030000-0a1b2c3d.jsonl"), "");

    CliRun r = CliRun.of("resume", "20260101-030000-0a1b2c3d", "--repo", dir.toString());

    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("is empty: the run stopped before it recorded anything, so it changed nothing and"
        + " there is nothing to resume; start the plan again (./rollback run), and delete the empty journal"
        + " 20260101-030000-0a1b2c3d.jsonl");
  }

  /** Command output and errors reached the terminal raw: a window title change, a screen clear, a carriage return. */
  @Test
  void controlCharactersInCommandOutputNeverReachTheTerminalRaw() {
    CliRun r = CliRun.of("run", plan("hostileOutputPlan"), "--repo", dir.toString(), "--declare", "broken", "--yes");

    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out() + r.err()).contains("\\u001b[2J").doesNotContain("\u001b").doesNotContain("\u0007")
        .doesNotContain("\r");
  }

  /** Commit subjects (the repository's content) were echoed raw: a revert of a hostile commit retitled the window. */
  @Test
  void aHostileCommitSubjectIsShownEscapedWhenItsCommitIsReverted() throws Exception {
    Path repo = dir.resolve("repo");
    git(dir, "init", "-q", "-b", "main", repo.toString());
    Files.writeString(repo.resolve("a.txt"), "a\n");
    git(repo, "add", "a.txt");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "first");
    Files.writeString(repo.resolve("a.txt"), "b\n");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-a", "-m",
        "P3-007 \u001b]0;pwned\u0007\u001b[2J\rclean");

    CliRun r = CliRun.of("run", plan("culpritPlan"), "--repo", repo.toString(), "--declare", "broken", "--yes");

    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out() + r.err()).contains("\\u001b]0;pwned\\u0007\\u001b[2J\\u000dclean")
        .doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\r");
  }

  /** Control characters in a plan's names passed {@code check}. */
  @Test
  void controlCharactersInNamesFailCheckWithTheirPath() throws IOException {
    Path s = script("names.jsh", IMPORTS + "RollbackPlan plan = (plan(\"p\\u001b]0;owned\\u0007\")\n"
        + "    .severity(severity(\"high\").when(declared(\"x\")).rollbackWithin(hours(1)).approval(single(\"m\")))\n"
        + "    .procedure(procedure(\"p\").phase(phase(\"one\\u001b[2J\").step(Steps.command(\"true\"))\n"
        + "        .validate(Checks.command(\"true\"))))\n"
        + "    .build());\n");

    CliRun check = CliRun.of("check", s.toString());

    assertThat(check.status()).isEqualTo(1);
    assertThat(check.out()).contains("name: name 'p\\u001b]0;owned\\u0007' holds control characters",
        "procedures[p].phases[one\\u001b[2J]: name 'one\\u001b[2J' holds control characters")
        .doesNotContain("\u001b");
  }

  /** A bare repository was answered "is not a Git repository". */
  @Test
  void aBareRepositoryIsNotCalledNotARepository() throws Exception {
    Path seed = dir.resolve("seed");
    Path bare = dir.resolve("origin.git");
    git(dir, "init", "-q", seed.toString());
    Files.writeString(seed.resolve("a.txt"), "a\n");
    git(seed, "add", "a.txt");
    git(seed, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "first");
    git(dir, "clone", "-q", "--bare", seed.toString(), bare.toString());

    CliRun preview = CliRun.of("preview", plan("revertPlan"), "--repo", bare.toString(), "--declare", "broken");

    assertThat(preview.err() + preview.out()).doesNotContain("is not a Git repository");
    assertThat(preview.out()).contains("is bare; ");
  }

  private static void git(Path in, String... args) throws Exception {
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("git"));
    command.addAll(java.util.List.of(args));
    Process p = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(output).isZero();
  }

  /** A dead {@code --github-url} was answered "null (caused by ConnectException)" (after 19.8 s of retries). */
  @Test
  void aDeadGitHubUrlIsNamedWithWhatToCheck() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("GITHUB_TOKEN", "ghp_notARealToken0123456789");
    String url = "http://127.0.0.1:" + port + "/api/v3";

    CliRun preview = CliRun.in(env, "preview", plan("githubPlan"), "--repo", dir.toString(), "--github",
        "acme/shop", "--github-url", url);

    assertThat(preview.out() + preview.err()).contains("cannot reach GitHub at " + url + ": connection refused")
        .contains("check the URL (--github-url, GITHUB_API_URL) and the network").doesNotContain("null");
  }
}
