package dev.rollback.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.RollbackPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PlanScript}: a script's plan, or a clear error with JShell's diagnostics and their line numbers. */
class PlanScriptTest {

  private static final String IMPORTS = "import static dev.rollback.Rollback.*;\nimport dev.rollback.*;\n";

  @TempDir
  Path dir;

  @Test
  void theLastPlanTheScriptDefinesIsTaken() throws IOException {
    RollbackPlan plan = PlanScript.evaluate(script(IMPORTS
        + "RollbackPlan first = plan(\"first\").build();\n"
        + "RollbackPlan second = (plan(\"second\")\n"
        + "    .summary(\"chained over lines\")\n"
        + "    .build());\n"
        + "int unrelated = 3;\n"));

    assertThat(plan.name()).isEqualTo("second");
    assertThat(plan.summary()).isEqualTo("chained over lines");
  }

  @Test
  void aVariableRedefinedLaterCountsWhereItWasRedefined() throws IOException {
    RollbackPlan plan = PlanScript.evaluate(script(IMPORTS
        + "RollbackPlan a = plan(\"a\").build();\n"
        + "RollbackPlan b = plan(\"b\").build();\n"
        + "RollbackPlan a = plan(\"a again\").build();\n"));

    assertThat(plan.name()).isEqualTo("a again");
  }

  @Test
  void aCompileErrorIsReportedWithItsLineNumber() throws IOException {
    Path script = script(IMPORTS
        + "\n"
        + "RollbackPlan plan = (plan(\"p\")\n"
        + "    .summary(\"x\")\n"
        + "    .noSuchMethod()\n"
        + "    .build());\n");

    assertThatThrownBy(() -> PlanScript.evaluate(script))
        .isInstanceOf(PlanScriptException.class)
        .hasMessageStartingWith("script " + script + " failed\n  line 6: cannot find symbol")
        .hasMessageContaining("noSuchMethod()");
  }

  @Test
  void anExceptionIsReportedWithTheLineOfItsSnippet() throws IOException {
    Path script = script(IMPORTS + "Step s = Steps.command(\"make\");\nStep t = s.named(null);\n");

    assertThatThrownBy(() -> PlanScript.evaluate(script))
        .isInstanceOf(PlanScriptException.class)
        .hasMessage("script " + script + " failed\n  line 4: java.lang.NullPointerException: name");
  }

  @Test
  void theScriptStopsAtItsFirstFailure() throws IOException {
    Path script = script(IMPORTS + "int x = \"text\";\nint y = alsoWrong;\n");

    assertThatThrownBy(() -> PlanScript.evaluate(script))
        .isInstanceOfSatisfying(PlanScriptException.class, e -> assertThat(e.details()).hasSize(1)
            .allMatch(d -> d.startsWith("line 3: incompatible types")));
  }

  @Test
  void aScriptWithoutAPlanSaysHowToDefineOne() throws IOException {
    Path script = script(IMPORTS + "var b = plan(\"never built\");\n");

    assertThatThrownBy(() -> PlanScript.evaluate(script))
        .isInstanceOf(PlanScriptException.class)
        .hasMessage("script " + script + " defines no RollbackPlan; end it with a variable such as RollbackPlan plan"
            + " = Rollback.plan(\"...\")...build();");
  }

  @Test
  void exitEndsTheScriptAndOtherCommandsAreRefused() throws IOException {
    RollbackPlan plan = PlanScript.evaluate(script(IMPORTS
        + "// a comment, not a command\n"
        + "RollbackPlan plan = plan(\"kept\").build();\n"
        + "/exit\n"
        + "this would not compile\n"));
    Path withCommand = script(IMPORTS + "/open other.jsh\n");

    assertThat(plan.name()).isEqualTo("kept");
    assertThatThrownBy(() -> PlanScript.evaluate(withCommand))
        .hasMessage("script " + withCommand + " failed\n  line 3: JShell command /open is not supported in plan"
            + " scripts");
  }

  @Test
  void aMissingScriptIsNamed() {
    Path missing = dir.resolve("missing.jsh");

    assertThatThrownBy(() -> PlanScript.evaluate(missing))
        .isInstanceOf(PlanScriptException.class)
        .hasMessageStartingWith("cannot read " + missing);
  }

  private Path script(String text) throws IOException {
    Path file = Files.createTempFile(dir, "plan", ".jsh");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }
}
