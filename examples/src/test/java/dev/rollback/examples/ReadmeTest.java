package dev.rollback.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.RollbackPlan;
import dev.rollback.examples.cli.PlanScript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
  void theQuickStartIsTheTwoCommands() throws IOException {
    assertThat(Files.readString(README, StandardCharsets.UTF_8)).contains("\n./rollback demo ", "\nscripts/test.sh ");
  }
}
