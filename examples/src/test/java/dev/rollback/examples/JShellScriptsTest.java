package dev.rollback.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.RollbackPlan;
import dev.rollback.examples.cli.PlanScript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every JShell script under examples/ runs and defines a plan; JShell shows plans in the DSL's own names. */
class JShellScriptsTest {

  @TestFactory
  Stream<DynamicTest> everyScriptRunsAndDefinesAPlan() throws IOException {
    List<Path> scripts;
    try (Stream<Path> files = Files.walk(Path.of(""))) {
      // The bad-input corpus's scripts are broken on purpose (one ends the JVM); BadInputCorpusTest runs them.
      scripts = files.filter(p -> p.toString().endsWith(".jsh")).filter(p -> !p.startsWith("target"))
          .filter(p -> !p.startsWith(Path.of("src", "test", "resources", "bad-inputs")))
          .sorted().collect(Collectors.toList());
    }
    assertThat(scripts).contains(Path.of("jshell", "p3-007.jsh"), Path.of("jshell", "broken.jsh"));
    return scripts.stream().map(script -> DynamicTest.dynamicTest(script.toString(), () -> {
      RollbackPlan plan = PlanScript.evaluate(script);
      assertThat(plan.name()).isNotBlank();
    }));
  }

  @Test
  void theSeedsScriptsAreTheSamePlansAsSeedGitPlans() {
    assertThat(PlanScript.evaluate(Path.of("jshell/seed-configuration.jsh")).hash())
        .isEqualTo(SeedGitPlans.configuration().hash());
    assertThat(PlanScript.evaluate(Path.of("jshell/seed-emergency.jsh")).hash())
        .isEqualTo(SeedGitPlans.emergency().hash());
  }

  @Test
  void jshellShowsPlansAndBuildersWithoutGeneratedNames() {
    List<String> shown;
    try (JShell shell = JShell.builder().executionEngine("local").build()) {
      shell.addToClasspath(System.getProperty("java.class.path"));
      Stream.of("import static dev.rollback.Rollback.*;", "import dev.rollback.*;")
          .forEach(s -> assertThat(shell.eval(s)).allMatch(e -> e.status() == Snippet.Status.VALID));
      shown = Stream.of(
              "var builder = plan(\"p\");",
              "var level = severity(\"high\");",
              "var proc = procedure(\"gradual\");",
              "var ph = phase(\"Disable Docker test execution\");",
              "var mon = monitoring();",
              "var rec = recovery(\"forward\", RecoveryStrategy.Kind.FORWARD);",
              "var msg = message(\"rollback-notification\");",
              "var step = Steps.command(\"make\", \"revert\").named(\"revert\");",
              "var check = Checks.confirm(\"Backup current configuration files\");",
              "var signal = Signals.commandNumber(Command.of(\"b.sh\"), \"(\\\\d+)\");",
              "var plan = dev.rollback.examples.P3007Plan.plan();",
              "plan.severities().get(0)",
              "plan.procedures().get(0)",
              "plan.procedures().get(0).phases().get(0)",
              "plan.check()",
              "RollbackPlan.builder().from(plan)",
              "severity(\"x\").build()")
          .flatMap(source -> shell.eval(source).stream().filter(e -> e.causeSnippet() == null)
              .flatMap(e -> show(e).stream()))
          .collect(Collectors.toList());
    }

    assertThat(shown).isNotEmpty().noneMatch(s -> s.contains("Immutable"));
    assertThat(shown).contains("RollbackPlan.Builder", "SeverityLevel.Builder", "Step", "RollbackPlan");
    assertThat(shown).anyMatch(s -> s.startsWith("RollbackPlan[P3-007 Docker CI test execution: 5 triggers,"));
  }

  /** What JShell shows for an evaluation: the variable's type, its value, and the message of what it threw. */
  private static List<String> show(SnippetEvent e) {
    Stream.Builder<String> out = Stream.builder();
    if (e.snippet() instanceof VarSnippet) {
      out.add(((VarSnippet) e.snippet()).typeName());
    }
    if (e.value() != null) {
      out.add(e.value());
    }
    if (e.exception() != null) {
      out.add(String.valueOf(e.exception().getMessage()));
    }
    return out.build().collect(Collectors.toList());
  }
}
