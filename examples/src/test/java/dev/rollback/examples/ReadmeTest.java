package dev.rollback.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.RollbackPlan;
import dev.rollback.examples.cli.CliRun;
import dev.rollback.examples.cli.PlanScript;
import dev.rollback.examples.cli.RollbackCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first plan runs as written and has no problems; its quick start stays the two commands. */
class ReadmeTest {

  private static final Path README = Path.of("").toAbsolutePath().getParent().resolve("README.md");

  @Test
  void theFirstPlanOfTheReadmeRunsInJShellAndHasNoProblems(@TempDir Path dir) throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int start = readme.indexOf("```java\n") + "```java\n".length();
    Path script = dir.resolve("readme.jsh");
    Files.writeString(script, readme.substring(start, readme.indexOf("```\n", start)), StandardCharsets.UTF_8);

    RollbackPlan plan = PlanScript.evaluate(script);

    assertThat(plan.check().problems()).isEmpty();
    assertThat(plan.toMarkdown()).contains("| high |", "```mermaid");
  }

  @Test
  void theFiveMinuteTourRunsAsWritten(@TempDir Path tour) throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    String section = readme.substring(readme.indexOf("## A five-minute tour"), readme.indexOf("## The launcher"));
    int start = section.indexOf("```java\n") + "```java\n".length();
    Path plan = tour.resolve("plan.jsh");
    Files.writeString(plan, section.substring(start, section.indexOf("```\n", start)), StandardCharsets.UTF_8);
    Files.writeString(tour.resolve("config.old"), "good\n");
    Files.writeString(tour.resolve("config.new"), "bad\n");
    Files.writeString(tour.resolve("config"), "bad\n");
    List<String> commands = section.lines().filter(l -> l.startsWith("./rollback "))
        .map(l -> l.replaceAll("\\s+#.*$", "").replace("/tmp/tour", tour.toString()))
        .collect(Collectors.toList());
    assertThat(commands).hasSize(5);

    CliRun check = cli(commands.get(0));
    assertThat(check.status()).as(check.err()).isZero();
    assertThat(check.out()).isEqualTo("plan 'tour' has no problems\n");
    CliRun preview = cli(commands.get(1));
    assertThat(preview.status()).as(preview.err() + preview.out()).isZero();
    assertThat(Files.readString(tour.resolve("config"))).isEqualTo("bad\n");
    CliRun run = cli(commands.get(2));
    assertThat(run.status()).as(run.err() + run.out()).isZero();
    assertThat(Files.readString(tour.resolve("config"))).isEqualTo("good\n");
    String runId = run.out().lines().filter(l -> l.startsWith("| Run | `")).findFirst().orElseThrow()
        .replaceAll("^\\| Run \\| `([^`]+)`.*$", "$1");
    try (var notes = Files.list(tour.resolve("notifications"))) {
      assertThat(Files.readString(notes.findFirst().orElseThrow())).startsWith("# tour rolled back\n\nRolled back due"
          + " to The new configuration breaks the build (high: declared broken) at ").endsWith(". Contact the build"
          + " team.\n");
    }
    CliRun resume = cli(commands.get(3).replace("<run-id>", runId));
    assertThat(resume.status()).as(resume.err()).isZero();
    assertThat(resume.out()).isEqualTo(run.out());
    CliRun render = cli(commands.get(4).replaceAll(" > .*$", ""));
    assertThat(render.out()).startsWith("# tour\n").contains("```mermaid");
  }

  @Test
  void everyLauncherCommandOfTheReadmeExists() throws IOException {
    List<String> verbs = Files.readString(README, StandardCharsets.UTF_8).lines()
        .filter(l -> l.startsWith("./rollback ")).map(l -> l.split("\\s+")[1]).filter(v -> !v.startsWith("-"))
        .distinct()
        .collect(Collectors.toList());
    assertThat(verbs).contains("demo", "check", "preview", "run", "resume", "render", "recover", "help");
    assertThat(RollbackCli.VERBS.stream().map(v -> v.name()).collect(Collectors.toList()))
        .containsAll(verbs.stream().filter(v -> !v.equals("help")).collect(Collectors.toList()));
  }

  /** A command line of the README, run in this JVM from the examples folder as the tests run. */
  private static CliRun cli(String line) {
    return CliRun.of(line.substring("./rollback ".length()).split(" "));
  }

  @Test
  void theQuickStartIsTheTwoCommands() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int start = readme.indexOf("## Quick start");
    assertThat(start).as("a Quick start section").isNotNegative();
    int open = readme.indexOf("```sh\n", start);
    String block = readme.substring(open + "```sh\n".length(), readme.indexOf("```", open + 5));
    assertThat(block.lines().map(l -> l.replaceAll("\\s+#.*$", "").strip()).filter(l -> !l.isEmpty()))
        .containsExactly("./rollback demo", "scripts/test.sh");
  }
}
