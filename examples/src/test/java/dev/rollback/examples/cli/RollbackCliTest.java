package dev.rollback.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.RollbackPlan;
import dev.rollback.examples.P3007Plan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code rollback} command line, run in-process with its output captured. */
class RollbackCliTest {

  /** A public static final plan, for the class-name form of a plan argument. */
  public static final RollbackPlan FIELD_PLAN = P3007Plan.plan();

  @Test
  void checkOfAValidPlanSaysNoProblemsAndExitsZero() {
    Result r = run("check", "jshell/p3-007.jsh");

    assertThat(r.status).isZero();
    assertThat(r.out).isEqualTo("plan 'P3-007 Docker CI test execution' has no problems\n");
    assertThat(r.err).isEmpty();
  }

  @Test
  void checkOfABrokenPlanListsEveryProblemWithItsPathAndExitsOne() {
    Result r = run("check", "jshell/broken.jsh");

    assertThat(r.status).isEqualTo(1);
    assertThat(r.out).startsWith("plan 'P3-007, broken' has 11 problems:\n").contains(
        "  triggers[slow]: duplicate name 'slow'\n",
        "  triggers[slow].condition.baseline: path '../baseline.json' escapes the repository with '..'\n",
        "  severities[critical].condition: no trigger named 'ci-broken'\n",
        "  severities[critical].approval: quorum 3 exceeds the 2 roles named\n",
        "  severities[critical].response.deadline: deadline 10 minutes is shorter than the worst case",
        "  procedures[gradual].phases[Disable Docker test execution]: phase has no steps\n",
        "  procedures[gradual].phases[Disable Docker test execution]: phase has no validation to gate the next"
            + " phase\n",
        "  procedures[gradual].phases[Revert].steps[scripts/revert.sh].params.env.COMMIT: refers to output"
            + " 'culprit' that no earlier step or check binds\n",
        "  procedures[gradual].phases[Revert].steps[scripts/revert.sh]: irreversible step not covered by an"
            + " approval policy",
        "  procedures[gradual].phases[Revert].steps[make clean].timeout: duration must be positive, was 0"
            + " seconds\n");
  }

  @Test
  void renderPrintsTheRunbookAndNothingElse() {
    Result r = run("render", "jshell/p3-007.jsh");

    assertThat(r.status).isZero();
    assertThat(r.out).isEqualTo(P3007Plan.plan().toMarkdown());
    assertThat(r.err).isEmpty();
  }

  @Test
  void aPlanCanBeAClassWithAStaticMethodOrField() {
    assertThat(run("render", "dev.rollback.examples.P3007Plan").out).isEqualTo(P3007Plan.plan().toMarkdown());
    assertThat(run("check", RollbackCliTest.class.getName() + "#FIELD_PLAN").status).isZero();
  }

  /**
   * A plan whose building fails.
   *
   * @return never
   */
  public static RollbackPlan failingPlan() {
    throw new IllegalStateException("the plan's author made a mistake");
  }

  @Test
  void aPlanMethodThatThrowsIsReportedWithItsCause() {
    Result r = run("check", RollbackCliTest.class.getName() + "#failingPlan");

    assertThat(r.status).isEqualTo(2);
    assertThat(r.err).isEqualTo("rollback check: " + RollbackCliTest.class.getName() + ".failingPlan() failed:"
        + " java.lang.IllegalStateException: the plan's author made a mistake\n");
  }

  @Test
  void aClassWithoutAPlanIsAnErrorThatSaysWhy() {
    Result r = run("check", "java.lang.String");

    assertThat(r.status).isEqualTo(2);
    assertThat(r.err).isEqualTo("rollback check: class java.lang.String has no public static method or final field"
        + " giving a RollbackPlan\n");
  }

  @Test
  void aScriptThatFailsShowsJShellsDiagnosticsWithLineNumbers(@TempDir Path dir) throws IOException {
    Path script = dir.resolve("does-not-compile.jsh");
    Files.writeString(script, "// a typo on line 5\nimport static dev.rollback.Rollback.*;\nimport dev.rollback.*;\n\n"
        + "RollbackPlan plan = plan(\"typo\").bild();\n");

    Result r = run("render", script.toString());

    assertThat(r.status).isEqualTo(2);
    assertThat(r.out).isEmpty();
    assertThat(r.err).isEqualTo("rollback render: script " + script + " failed\n"
        + "  line 5: cannot find symbol symbol: method bild() location: class dev.rollback.RollbackPlan.Builder\n");
  }

  @Test
  void aMissingFileIsNamedWithTheUsage() {
    Result r = run("render", "no-such-plan.jsh");

    assertThat(r.status).isEqualTo(2);
    assertThat(r.err).isEqualTo("rollback render: no such file: no-such-plan.jsh\nusage: rollback render <plan>\n");
  }

  @Test
  void aMissingOrExtraArgumentIsAUsageError() {
    assertThat(run("check").err).isEqualTo("rollback check: missing <plan>, a .jsh script or a class name\n"
        + "usage: rollback check <plan>\n");
    assertThat(run("check", "a.jsh", "b.jsh").status).isEqualTo(2);
  }

  @Test
  void anUnknownCommandGetsTheUsage() {
    Result r = run("rollforward");

    assertThat(r.status).isEqualTo(2);
    assertThat(r.err).startsWith("rollback: unknown command 'rollforward'\nusage: rollback <command> [arguments]\n");
  }

  @Test
  void noCommandAtAllGetsTheUsage() {
    Result r = run();

    assertThat(r.status).isEqualTo(2);
    assertThat(r.err).isEqualTo(RollbackCli.usage());
  }

  @Test
  void theDemoRefusesADirectoryThatIsNotEmptyOrAnUnknownArgument() {
    Result r = run("demo", "--dir", "jshell");

    assertThat(r.status).isEqualTo(2);
    assertThat(r.err).startsWith("rollback demo: --dir ").contains("must be an empty or missing directory");
    assertThat(run("demo", "jshell/p3-007.jsh").err).startsWith("rollback demo: unknown argument"
        + " 'jshell/p3-007.jsh'\nusage: rollback demo [fleet|culprit] [--dir DIR]");
  }

  @Test
  void helpListsEveryCommand() {
    Result r = run("help");

    assertThat(r.status).isZero();
    assertThat(r.out).isEqualTo(RollbackCli.usage()).contains("  check <plan>", "  render <plan>", "  demo ",
        "  preview <plan>", "  run <plan> [--emergency]", "  resume <run> [--yes]", "  help [command]");
    assertThat(run("help", "render").out).isEqualTo("usage: rollback render <plan>\nprint the plan as a Markdown"
        + " runbook\n\n"
        + "Arguments:\n"
        + "      <plan>   a JShell script (examples/jshell/p3-007.jsh) or a class with a public static method\n"
        + "                 or final field giving a RollbackPlan (dev.rollback.examples.P3007Plan, or\n"
        + "                 Class#member)\n\n"
        + "Options:\n"
        + "  -h, --help   show this help and exit\n\n"
        + "Exit status: 0 success; 1 problems found or a run that did not succeed; 2 could not run; 3 could\n"
        + "not decide. Options take their value as --opt VALUE or --opt=VALUE.\n");
    assertThat(run("--help").status).isZero();
  }

  private static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = RollbackCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static final class Result {
    final int status;
    final String out;
    final String err;

    Result(int status, String out, String err) {
      this.status = status;
      this.out = out;
      this.err = err;
    }
  }
}
