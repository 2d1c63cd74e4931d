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
