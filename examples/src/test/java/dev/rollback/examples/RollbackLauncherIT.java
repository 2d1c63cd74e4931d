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
}
