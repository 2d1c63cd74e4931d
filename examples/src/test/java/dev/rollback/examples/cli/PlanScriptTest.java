package dev.rollback.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.RollbackPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

  /**
   * {@code System.exit(0)} in a script used to end the launcher with status 0 while checking or running it, with
   * nothing done; now the snippet is refused before it runs, with its line.
   */
  @Test
  void systemExitInAScriptIsRefusedBeforeItRunsWithItsLine() throws IOException {
    Path script = script(IMPORTS
        + "RollbackPlan plan = plan(\"p\").build();\n"
        + "if (plan != null) {\n"
        + "  System.exit(0);\n"
        + "}\n");

    assertThatThrownBy(() -> PlanScript.evaluate(script))
        .isInstanceOf(PlanScriptException.class)
        .hasMessage("script " + script + " failed\n  line 5: calls System.exit, which would end the launcher with"
            + " nothing done; a plan script only builds a plan: remove the call (to end a script early, write /exit on"
            + " a line of its own)");
  }

  @Test
  void runtimeHaltAndExitAreRefusedToo() throws IOException {
    Path halt = script(IMPORTS + "Runtime.getRuntime().halt(0);\nRollbackPlan plan = plan(\"p\").build();\n");
    Path exit = script(IMPORTS + "void quit() {\n  Runtime.getRuntime().exit(0);\n}\n"
        + "RollbackPlan plan = plan(\"p\").build();\nquit();\n");

    assertThatThrownBy(() -> PlanScript.evaluate(halt)).hasMessageContaining("line 3: calls Runtime.halt");
    assertThatThrownBy(() -> PlanScript.evaluate(exit)).hasMessageContaining("line 4: calls Runtime.exit");
  }

  @Test
  void aMethodReferenceToSystemExitIsRefusedToo() throws IOException {
    Path script = script(IMPORTS + "java.util.function.IntConsumer bye = System::exit;\nbye.accept(0);\n"
        + "RollbackPlan plan = plan(\"p\").build();\n");

    assertThatThrownBy(() -> PlanScript.evaluate(script)).hasMessageContaining("line 3: calls System.exit");
  }

  /** An endless loop in a script used to hang {@code check} for ever; now it is stopped at the time limit. */
  @Test
  void anEndlessLoopIsStoppedAtTheTimeLimitWithHowToRaiseIt() throws IOException {
    Path script = script(IMPORTS + "RollbackPlan plan = plan(\"p\").build();\n"
        + "long n = 0;\n"
        + "while (true) {\n"
        + "  n++;\n"
        + "}\n");

    assertThatThrownBy(() -> PlanScript.evaluate(script, Duration.ofSeconds(10)))
        .isInstanceOf(PlanScriptException.class)
        .hasMessage("script " + script + " did not finish building its plan within 10 seconds (it was running the"
            + " snippet at line 5); is there an endless loop? It was stopped, and nothing was done. If the script"
            + " needs longer, raise the limit: ROLLBACK_PLAN_TIMEOUT=120s");
    assertThat(Thread.getAllStackTraces().keySet()).as("the looping snippet was stopped, not left spinning")
        .noneMatch(t -> t.getName().equals("rollback-plan-script") && t.isAlive());
  }

  /** A Latin-1 script used to fail with "Input length = 1"; now the message names the encoding, line and byte. */
  @Test
  void aScriptThatIsNotUtf8IsRefusedWithTheLineAndTheByte() throws IOException {
    Path script = Files.createTempFile(dir, "latin1", ".jsh");
    Files.write(script, (IMPORTS + "RollbackPlan plan = plan(\"d\u00e9ploiement\").build();\n")
        .getBytes(StandardCharsets.ISO_8859_1));

    assertThatThrownBy(() -> PlanScript.evaluate(script))
        .isInstanceOf(PlanScriptException.class)
        .hasMessage("script " + script + " is not UTF-8: line 3, column 28 holds the byte 0xE9, which UTF-8 does not"
            + " allow there (in ISO-8859-1, Latin-1, it would be '\u00e9'). Save the script as UTF-8, for instance:"
            + " iconv -f ISO-8859-1 -t UTF-8 " + script + " > converted.jsh");
  }

  private Path script(String text) throws IOException {
    Path file = Files.createTempFile(dir, "plan", ".jsh");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }
}
