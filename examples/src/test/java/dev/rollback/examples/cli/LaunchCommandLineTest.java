package dev.rollback.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.Checks;
import dev.rollback.Command;
import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.Steps;
import dev.rollback.run.Journal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's command line as picocli reads it: help on every command with every option described, in 100
 * columns; {@code --version}; {@code --opt=value}; "did you mean" for a misspelled command or option; the exit
 * statuses, one meaning each.
 */
class LaunchCommandLineTest {

  @TempDir
  Path dir;

  /**
   * A plan whose one step fails, when a person declares that things are broken.
   *
   * @return the plan
   */
  public static RollbackPlan failingPlan() {
    return Rollback.plan("failing")
        .severity(Rollback.severity("high").when(Rollback.declared("broken")).rollbackWithin(Rollback.hours(1))
            .approval(Rollback.single("maintainer")))
        .procedure(Rollback.procedure("p").phase(Rollback.phase("one")
            .step(Steps.run(Command.of("false"), Command.of("true")))
            .validate(Checks.command("true"))))
        .build();
  }

  @Test
  void everyCommandHasHelpWithEveryOptionDescribedWithinOneHundredColumns() {
    for (Verb verb : RollbackCli.VERBS) {
      CliRun longForm = CliRun.of(verb.name(), "--help");
      CliRun shortForm = CliRun.of(verb.name(), "-h");
      CliRun helpVerb = CliRun.of("help", verb.name());

      assertThat(longForm.status()).as(verb.name() + " --help: " + longForm.err()).isZero();
      assertThat(longForm.err()).isEmpty();
      assertThat(shortForm).isEqualTo(longForm);
      assertThat(helpVerb).isEqualTo(longForm);
      assertThat(longForm.out()).startsWith("usage: rollback " + verb.name()).contains(verb.summary()
          .substring(0, 20), "\nOptions:\n", "  -h, --help   ", "Exit status: 0 success;");
      for (String option : VerbLine.optionNames(VerbLine.of(verb).commandLine().getCommandSpec())) {
        // Each option on a line of its own, followed by its description.
        assertThat(longForm.out()).as(verb.name() + " " + option).containsPattern("\n {2,6}(-h, )?(--[a-z-]+, )?"
            + java.util.regex.Pattern.quote(option) + "(, --[a-z-]+)?(=[A-Z/= ]+)? +[a-z(]");
      }
      assertThat(longForm.out().lines().filter(l -> l.length() > 100)).as(verb.name()).isEmpty();
    }
    assertThat(CliRun.of("help").out().lines().filter(l -> l.length() > 100)).isEmpty();
    assertThat(CliRun.of("help", "run").out()).contains("--value=NAME=TEXT", "--monitor", "--notify=NAME=SPEC");
    assertThat(CliRun.of("help", "preview").out()).startsWith("usage: rollback preview <plan> [--severity NAME]"
        + " [--emergency] [--declare FACT]... [--value\n    NAME=TEXT]...");
  }

  @Test
  void versionIsTheProjectsAndExitsZero() {
    CliRun version = CliRun.of("--version");

    assertThat(version.status()).isZero();
    assertThat(version.out()).matches("rollback \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(Java .+\\)\n");
    assertThat(CliRun.of("-V")).isEqualTo(version);
  }

  @Test
  void anOptionTakesItsValueAfterAnEqualsSignAsWellAsAfterASpace() throws Exception {
    CliRun spaced = CliRun.of("run", LaunchVerbsTest.class.getName() + "#touchPlan", "--repo", dir.toString(),
        "--declare", "broken", "--yes");
    assertThat(spaced.status()).as(spaced.err()).isZero();
    Files.delete(dir.resolve("rolled-back"));

    CliRun equals = CliRun.of("run", LaunchVerbsTest.class.getName() + "#touchPlan", "--repo=" + dir,
        "--declare=broken", "--yes");

    assertThat(equals.status()).as(equals.err()).isZero();
    assertThat(dir.resolve("rolled-back")).exists();
    assertThat(Journal.directory(dir.resolve(".rollback")).runs()).hasSize(2);
    assertThat(CliRun.of("preview", LaunchVerbsTest.class.getName() + "#touchPlan", "--workspace=" + dir,
        "--severity=high").out()).contains("would run touch rolled-back");
  }

  @Test
  void aMisspelledCommandOrOptionGetsTheClosestOne() {
    CliRun verb = CliRun.of("rnu", "plan.jsh");
    assertThat(verb.status()).isEqualTo(2);
    assertThat(verb.out()).isEmpty();
    assertThat(verb.err()).startsWith("rollback: unknown command 'rnu'; did you mean 'run'?\nusage: rollback"
        + " <command> [arguments]\n");
    assertThat(CliRun.of("previwe").err()).startsWith("rollback: unknown command 'previwe'; did you mean"
        + " 'preview'?\n");
    assertThat(CliRun.of("help", "rendr").err()).startsWith("rollback help: unknown command 'rendr'; did you mean"
        + " 'render'?\n");

    CliRun option = CliRun.of("run", "plan.jsh", "--sevrity=high", "--repo", dir.toString());
    assertThat(option.status()).isEqualTo(2);
    assertThat(option.err()).startsWith("rollback run: unknown option --sevrity for run; it takes --declare,"
        + " --docker-host, --emergency, --fetch, --github, --github-url, --journal, --monitor, --notify, --repo,"
        + " --severity, --skip-unavailable, --value, --workspace, --yes\ndid you mean --severity?\nusage: rollback"
        + " run <plan>");
    assertThat(CliRun.of("prune", "--older-then", "30d").err()).contains("did you mean --older-than?");
    assertThat(CliRun.of("check", "--repo", ".").err()).startsWith("rollback check: unknown option --repo for"
        + " check; it takes none but --help\n");
  }

  @Test
  void anOptionWithoutItsValueIsNamed() {
    CliRun r = CliRun.of("run", "plan.jsh", "--severity");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).startsWith("rollback run: --severity needs a value\nusage: rollback run <plan>");
    assertThat(CliRun.of("run", "plan.jsh", "--repo", "--yes").err()).startsWith("rollback run: --repo needs a"
        + " value\n");
  }

  /**
   * The exit statuses, one meaning each: 0 success, 1 problems found or a run that did not succeed, 2 could not run
   * (usage errors included), 3 could not decide.
   */
  @Test
  void theExitStatusesKeepTheirMeanings() {
    String touch = LaunchVerbsTest.class.getName() + "#touchPlan";
    assertThat(CliRun.of("check", "jshell/p3-007.jsh").status()).isZero();
    assertThat(CliRun.of("run", touch, "--repo", dir.toString(), "--yes").status()).isZero();
    assertThat(CliRun.of("help").status()).isZero();
    assertThat(CliRun.of("check", "jshell/broken.jsh").status()).isEqualTo(1);
    assertThat(CliRun.of("run", LaunchCommandLineTest.class.getName() + "#failingPlan", "--repo", dir.toString(),
        "--declare", "broken", "--yes").status()).isEqualTo(1);
    for (List<String> usage : List.<List<String>>of(List.of(), List.of("nope"), List.of("run"), List.of("run", touch, "--nope"),
        List.of("run", touch, "--repo"), List.of("run", touch, "--repo", dir.resolve("missing").toString()),
        List.of("check", "missing.jsh"), List.of("completion", "extra"))) {
      assertThat(CliRun.of(usage.toArray(new String[0])).status()).as(String.join(" ", usage)).isEqualTo(2);
    }
    assertThat(CliRun.of("run", LaunchLoudFailuresTest.class.getName() + "#unmeasurablePlan", "--repo",
        dir.toString(), "--yes").status()).isEqualTo(3);
  }

  @Test
  void theCompletionScriptCompletesCommandsAndTheirOptionsForRollbackAndDotSlashRollback() {
    CliRun r = CliRun.of("completion");

    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("_complete_rollback", "complete -F _complete_rollback -o default ./rollback\n",
        "--skip-unavailable", "--older-than");
    for (Verb verb : RollbackCli.VERBS) {
      assertThat(r.out()).contains(verb.name());
    }
  }
}
