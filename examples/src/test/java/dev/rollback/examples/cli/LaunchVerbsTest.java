package dev.rollback.examples.cli;

import static dev.rollback.Rollback.declared;
import static dev.rollback.Rollback.hours;
import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.procedure;
import static dev.rollback.Rollback.severity;
import static dev.rollback.Rollback.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.Checks;
import dev.rollback.Command;
import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.Steps;
import dev.rollback.run.Journal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rollback preview}, {@code run} and {@code resume}, in-process, on a plan of core steps in a workspace. */
class LaunchVerbsTest {

  @TempDir
  Path dir;

  /**
   * A plan that touches a file, when a person declares that things are broken.
   *
   * @return the plan
   */
  public static RollbackPlan touchPlan() {
    return Rollback.plan("touch")
        .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
        .procedure(procedure("p").phase(phase("one")
            .step(Steps.run(Command.of("touch", "rolled-back"), Command.of("rm", "rolled-back")))
            .validate(Checks.command("test", "-f", "rolled-back"))))
        .build();
  }

  private static final String PLAN = LaunchVerbsTest.class.getName() + "#touchPlan";

  @Test
  void runRunsThePlanInTheWorkspaceApprovedWithYesAndPrintsTheIncidentReport() {
    Result r = run("run", PLAN, "--workspace", dir.toString(), "--declare", "broken", "--yes");

    assertThat(r.status).as(r.err).isZero();
    assertThat(r.out).startsWith("# Incident report: touch\n\n**SUCCEEDED**");
    assertThat(r.out).contains("via automatic", "--yes on the command line");
    assertThat(dir.resolve("rolled-back")).exists();
    Journal journal = Journal.directory(dir.resolve(".rollback"));
    assertThat(journal.runs()).hasSize(1);
    String runId = journal.runs().get(0);
    assertThat(journal.header(runId).get().options().planSource()).hasValue(PLAN);

    Result again = run("resume", runId, "--workspace", dir.toString());
    assertThat(again.status).isZero();
    assertThat(again.out).isEqualTo(r.out);
  }

  @Test
  void previewChangesNothingAndPrintsWhatWouldRun() {
    Result r = run("preview", PLAN, "--workspace", dir.toString(), "--declare", "broken");

    assertThat(r.status).as(r.err).isZero();
    assertThat(r.out).startsWith("# Preview: touch\n").contains("would run touch rolled-back");
    assertThat(dir.resolve("rolled-back")).doesNotExist();
    assertThat(dir.resolve(".rollback")).doesNotExist();
  }

  @Test
  void aRunThatNoSeverityCallsForSucceedsWithoutChangingAnything() {
    Result r = run("run", PLAN, "--workspace", dir.toString(), "--yes");

    assertThat(r.status).isZero();
    assertThat(r.out).contains("**NO_ROLLBACK** — no severity level holds");
    assertThat(dir.resolve("rolled-back")).doesNotExist();
  }

  @Test
  void mistakesOnTheCommandLineAreNamed() throws Exception {
    Result unknown = run("run", PLAN, "--force", "--workspace", dir.toString());
    assertThat(unknown.status).isEqualTo(2);
    assertThat(unknown.err).startsWith("rollback run: unknown option --force for run; it takes --declare,"
        + " --docker-host, --emergency, --fetch, --github, --github-url, --journal, --monitor, --notify, --repo,"
        + " --severity, --skip-unavailable, --value, --workspace, --yes\n");

    Result missing = run("resume", "nope", "--workspace", dir.toString());
    assertThat(missing.status).isEqualTo(2);
    assertThat(missing.err).startsWith("rollback resume: no run nope in " + dir.toRealPath(java.nio.file.LinkOption
        .NOFOLLOW_LINKS).resolve(".rollback") + "\n");

    Result severity = run("run", PLAN, "--workspace", dir.toString(), "--severity", "urgent", "--yes");
    assertThat(severity.status).isEqualTo(2);
    assertThat(severity.err).isEqualTo("rollback run: severity 'urgent' chosen in the run options is not a severity"
        + " level of plan 'touch'; it has high\n");
  }

  private static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(Arrays.asList(args));
    int status = RollbackCli.run(all.toArray(new String[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private record Result(int status, String out, String err) {}
}
