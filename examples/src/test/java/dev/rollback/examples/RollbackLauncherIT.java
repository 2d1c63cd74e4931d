package dev.rollback.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./rollback} launcher end to end, as a user runs it from the repository's root. Runs after
 * {@code package} (failsafe), when the launcher finds its build up to date.
 */
class RollbackLauncherIT {

  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @Test
  void checkOfTheBrokenScriptExitsOneAndListsTheProblemsWithTheirPaths() throws Exception {
    assertThat(ROOT.resolve("rollback")).isRegularFile().isExecutable();
    Path out = Files.createTempFile("rollback-check", ".out");
    Path err = Files.createTempFile("rollback-check", ".err");
    try {
      Process p = new ProcessBuilder(ROOT.resolve("rollback").toString(), "check", "examples/jshell/broken.jsh")
          .directory(ROOT.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();

      assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
      String stdout = Files.readString(out, StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as("stderr: %s", Files.readString(err, StandardCharsets.UTF_8)).isEqualTo(1);
      assertThat(stdout).startsWith("plan 'P3-007, broken' has 11 problems:\n")
          .contains("  severities[critical].approval: quorum 3 exceeds the 2 roles named\n",
              "  procedures[gradual].phases[Disable Docker test execution]: phase has no steps\n");
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static final String TOUCH_PLAN = "import static dev.rollback.Rollback.*;\nimport dev.rollback.*;\n"
      + "RollbackPlan plan = (plan(\"touch\")\n"
      + "    .severity(severity(\"high\").when(declared(\"broken\")).rollbackWithin(hours(1))"
      + ".approval(single(\"maintainer\")))\n"
      + "    .procedure(procedure(\"p\").phase(phase(\"one\").step(Steps.command(\"touch\", \"rolled-back\"))\n"
      + "        .validate(Checks.command(\"test\", \"-f\", \"rolled-back\"))))\n"
      + "    .build());\n";

  /** Runs the launcher with standard input at its end, as a CI job or {@code </dev/null} does. */
  private static String[] launch(Path dir, String... args) throws Exception {
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    String[] command = new String[args.length + 1];
    command[0] = ROOT.resolve("rollback").toString();
    System.arraycopy(args, 0, command, 1, args.length);
    Process p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectInput(new java.io.File("/dev/null"))
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    return new String[] {Integer.toString(p.exitValue()), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8)};
  }

  /**
   * Without {@code --yes} and with standard input at its end, a run ended NOT_APPROVED "before the request expired
   * at" a time 15 minutes ahead; now it says nobody can answer and how to approve instead.
   */
  @Test
  void aRunWithStandardInputAtItsEndSaysNobodyCanAnswerAndSuggestsYes() throws Exception {
    Path dir = Files.createTempDirectory("rollback-eof-it");
    Files.writeString(dir.resolve("plan.jsh"), TOUCH_PLAN);

    String[] r = launch(dir, "run", dir.resolve("plan.jsh").toString(), "--repo", dir.toString(), "--declare",
        "broken");

    assertThat(r[0]).as(r[2]).isEqualTo("1");
    assertThat(r[1]).contains("**NOT_APPROVED** — severity 'high' was not approved: nobody can answer: standard"
        + " input is at its end (no terminal to ask on)", "the launcher's --yes approves as you")
        .doesNotContain("expired");
    assertThat(dir.resolve("rolled-back")).doesNotExist();
  }

  /**
   * A script that reaches {@code System.exit} another way than a call the launcher can see (reflection) ended the
   * launcher with the script's status, 0; now the launcher ends with 2 and says why.
   */
  @Test
  void aScriptThatExitsThroughReflectionEndsTheLauncherWithTwoNotItsStatus() throws Exception {
    Path dir = Files.createTempDirectory("rollback-exit-it");
    Files.writeString(dir.resolve("plan.jsh"), TOUCH_PLAN
        + "System.class.getMethod(\"exit\", int.class).invoke(null, 0);\n");

    String[] r = launch(dir, "check", dir.resolve("plan.jsh").toString());

    assertThat(r[0]).as(r[1] + r[2]).isEqualTo("2");
    assertThat(r[2]).contains("ended the launcher while building its plan (the snippet at line 8 called"
        + " System.exit or Runtime.exit); nothing was done");
    assertThat(r[1]).isEmpty();
  }

  @Test
  void theDemoRunsAsAProcessAndEndsWithWhereTheSandboxIsEvenWithoutADockerEngine() throws Exception {
    Path dir = Files.createTempDirectory("rollback-demo-it");
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Path sandbox = dir.resolve("sandbox");
    ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("rollback").toString(), "demo", "--dir", sandbox.toString())
        .directory(ROOT.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("DOCKER_HOST", "unix://" + dir.resolve("no-engine.sock"));
    Process p = pb.start();

    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("stderr: %s", Files.readString(err, StandardCharsets.UTF_8)).isZero();
    assertThat(stdout).contains("**SUCCEEDED** — rolled back with procedure 'emergency'; verification passed;"
        + " skipped, as asked, because adapter 'docker' is unavailable",
        "\nSandbox: " + sandbox + "\n  journal:         " + sandbox.resolve("journal"));
    assertThat(sandbox.resolve("incident-report.md")).isRegularFile();
    assertThat(sandbox.resolve("runbook.md")).isRegularFile();
  }

  /**
   * The command line as a user types it: help on every command, the version, an option's value after "=", a
   * misspelled command, and the exit statuses the process ends with; the completion script, sourced in Bash,
   * completes a command's options.
   */
  @Test
  void theCommandLineHasHelpVersionEqualsValuesSuggestionsAndItsExitStatuses() throws Exception {
    Path dir = Files.createTempDirectory("rollback-cli-it");
    for (String verb : new String[] {"check", "render", "preview", "run", "resume", "recover", "prune", "demo"}) {
      String[] help = launch(dir, verb, "--help");
      assertThat(help[0]).as(verb + ": " + help[2]).isEqualTo("0");
      assertThat(help[1]).startsWith("usage: rollback " + verb).contains("-h, --help");
      assertThat(help[1].lines().filter(l -> l.length() > 100)).isEmpty();
    }
    String[] version = launch(dir, "--version");
    assertThat(version[0]).isEqualTo("0");
    assertThat(version[1]).startsWith("rollback 0.");

    String[] typo = launch(dir, "rnu", "plan.jsh");
    assertThat(typo[0]).isEqualTo("2");
    assertThat(typo[2]).startsWith("rollback: unknown command 'rnu'; did you mean 'run'?\n");

    Files.writeString(dir.resolve("plan.jsh"), TOUCH_PLAN);
    String[] equals = launch(dir, "run", dir.resolve("plan.jsh").toString(), "--repo=" + dir, "--declare=broken",
        "--yes");
    assertThat(equals[0]).as(equals[2]).isEqualTo("0");
    assertThat(dir.resolve("rolled-back")).exists();
    assertThat(launch(dir, "check", "examples/jshell/broken.jsh")[0]).isEqualTo("1");
    assertThat(launch(dir, "run", dir.resolve("plan.jsh").toString(), "--repo=" + dir.resolve("none"))[0])
        .isEqualTo("2");

    String[] completion = launch(dir, "completion");
    assertThat(completion[0]).isEqualTo("0");
    Files.writeString(dir.resolve("completion.bash"), completion[1]);
    Process bash = new ProcessBuilder("bash", "-c", "source " + dir.resolve("completion.bash")
        + " && COMP_WORDS=(./rollback run --sev) && COMP_CWORD=2 && COMP_LINE='./rollback run --sev'"
        + " && COMP_POINT=${#COMP_LINE} && _complete_rollback ./rollback --sev run && printf '%s\\n' \"${COMPREPLY[@]}\"")
        .redirectErrorStream(true).start();
    String replies = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(replies).as(replies).contains("--severity");
  }

  /** The README's JShell lines, piped to {@code ./rollback jshell}, run as written. */
  @Test
  void theReadmesJShellLinesRunAsWrittenInRollbackJShell() throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    int open = readme.indexOf("```jshell\n");
    assertThat(open).as("a jshell block in the README").isNotNegative();
    String lines = readme.substring(open + "```jshell\n".length(), readme.indexOf("```\n", open + 10));
    Path dir = Files.createTempDirectory("rollback-jshell-it");
    Path in = dir.resolve("in.jsh");
    Files.writeString(in, lines);
    Process p = new ProcessBuilder(ROOT.resolve("rollback").toString(), "jshell").directory(ROOT.toFile())
        .redirectInput(in.toFile()).redirectOutput(dir.resolve("out.txt").toFile())
        .redirectError(dir.resolve("err.txt").toFile()).start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    String out = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
    String err = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);

    assertThat(p.exitValue()).as(out + err).isZero();
    assertThat(out).contains("plan 'P3-007 Docker CI test execution' has no problems",
        "\"# P3-007 Docker CI test execution\"", "plan 'quick' has no problems")
        .doesNotContain("Error:", "Exception", "cannot find symbol");
  }
}
