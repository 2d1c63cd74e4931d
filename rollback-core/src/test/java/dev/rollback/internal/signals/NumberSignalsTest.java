package dev.rollback.internal.signals;

import static dev.rollback.Rollback.path;
import static dev.rollback.Rollback.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.Command;
import dev.rollback.SignalException;
import dev.rollback.Signals;
import dev.rollback.Unit;
import dev.rollback.spi.Measurement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Numbers from real commands' output and from files, and the errors people see when that fails. */
class NumberSignalsTest {

  private static final String TOTAL_TIME = "Total Time: (\\d+)s";

  @TempDir Path workspace;

  @Test
  void readsTheSeedsTotalTimeFromABenchmarkScript() throws Exception {
    Files.createDirectories(workspace.resolve("scripts"));
    Path script = Files.writeString(workspace.resolve("scripts/benchmark_performance.sh"),
        "#!/bin/sh\necho 'Running 42 tests'\necho 'Total Time: 123s'\necho done\n");
    script.toFile().setExecutable(true);

    Measurement m = SignalContexts.measure(Signals.commandNumber(Command.of("scripts/benchmark_performance.sh"),
        TOTAL_TIME, Unit.SECONDS), workspace);

    assertThat(m.value()).hasValue(123);
    assertThat(m.unit()).isEqualTo(Unit.SECONDS);
    assertThat(m.summary()).isEqualTo("'Total Time: 123s' in the output of 'scripts/benchmark_performance.sh'");
  }

  @Test
  void runsInTheCommandsDirectoryWithItsEnvironment() throws Exception {
    Files.createDirectories(workspace.resolve("perf"));
    Files.writeString(workspace.resolve("perf/factor.txt"), "3\n");

    Measurement m = SignalContexts.measure(Signals.commandNumber(
        Command.of("sh", "-c", "echo \"Total Time: $(( $(cat factor.txt) * $BASE ))s\"").in("perf").env("BASE", "40"),
        TOTAL_TIME), workspace);

    assertThat(m.value()).hasValue(120);
  }

  @Test
  void aNumberPrintedOnlyToStandardErrorIsFound() throws Exception {
    Measurement m = SignalContexts.measure(Signals.commandNumber(Command.of("sh", "-c", "echo 'real 4.5' >&2"),
        "^real ([0-9.]+)$"), workspace);

    assertThat(m.value()).hasValue(4.5);
    assertThat(m.summary()).isEqualTo("'real 4.5' in the error output of 'sh -c echo 'real 4.5' >&2'");
  }

  @Test
  void aPatternThatMatchesNothingNamesThePatternTheCommandAndShowsTheOutputsEnd() {
    assertThatThrownBy(() -> SignalContexts.measure(Signals.commandNumber(
        Command.of("sh", "-c", "echo 'Running tests'; echo 'Elapsed: 12s'"), TOTAL_TIME), workspace))
        .isInstanceOf(SignalException.class)
        .hasMessage("pattern 'Total Time: (\\d+)s' matched nothing in the output of command"
            + " 'sh -c echo 'Running tests'; echo 'Elapsed: 12s''; its output ends with:\n"
            + "  Running tests\n  Elapsed: 12s");
  }

  @Test
  void secretsInTheEnvironmentAreRedactedFromTheExcerpt() {
    Map<String, String> secrets = Map.of("PERF_TOKEN", "tok-5ecret-value");

    assertThatThrownBy(() -> SignalContexts.measure(Signals.commandNumber(
        Command.of("sh", "-c", "echo \"using token $PERF_TOKEN\"").env("PERF_TOKEN", secret("PERF_TOKEN")),
        TOTAL_TIME), workspace, secrets))
        .isInstanceOf(SignalException.class)
        .hasMessageContaining("using token ***")
        .hasMessageNotContaining("tok-5ecret-value");
  }

  @Test
  void aMatchThatIsNotANumberIsNamed() {
    assertThatThrownBy(() -> SignalContexts.measure(Signals.commandNumber(
        Command.of("sh", "-c", "echo 'Total Time: fast'"), "Total Time: (\\w+)"), workspace))
        .hasMessage("pattern 'Total Time: (\\w+)' matched 'fast' in the output of command"
            + " 'sh -c echo 'Total Time: fast'', which is not a number");
    assertThatThrownBy(() -> SignalContexts.measure(Signals.commandNumber(
        Command.of("sh", "-c", "echo 'Total Time: 12s'"), "Total Time: \\d+s"), workspace))
        .hasMessageEndingWith("which is not a number; put the number in a group, as in 'Total Time: (\\d+)s'");
  }

  @Test
  void aCommandThatFailsGivesItsExitStatusAndErrorOutput() {
    assertThatThrownBy(() -> SignalContexts.measure(Signals.commandNumber(
        Command.of("sh", "-c", "echo 'Total Time: 1s'; echo 'docker: not found' >&2; exit 3"), TOTAL_TIME),
        workspace))
        .hasMessage("command 'sh -c echo 'Total Time: 1s'; echo 'docker: not found' >&2; exit 3' exited with status 3;"
            + " its output ends with:\n  Total Time: 1s; its error output ends with:\n  docker: not found");
  }

  @Test
  void aProgramThatDoesNotExistIsNamed() {
    assertThatThrownBy(() -> SignalContexts.measure(Signals.commandNumber(Command.of("no-such-benchmark"),
        TOTAL_TIME), workspace))
        .isInstanceOf(SignalException.class)
        .hasMessageStartingWith("cannot run command 'no-such-benchmark' in .: ");
  }

  @Test
  void aCommandRunningPastItsTimeoutIsStopped() {
    assertThatThrownBy(() -> SignalContexts.measure(Signals.commandNumber(Command.of("sleep", "30"), TOTAL_TIME,
        Unit.SECONDS, Duration.ofMillis(200)), workspace))
        .hasMessage("command 'sleep 30' did not finish within 200 milliseconds and was stopped");
  }

  @Test
  void aCommandDirectoryOutsideTheWorkspaceIsRefused() {
    assertThatThrownBy(() -> SignalContexts.measure(Signals.commandNumber(Command.of("true").in("../.."),
        TOTAL_TIME), workspace))
        .hasMessage("directory of command 'true': path '../..' escapes the repository with '..'");
  }

  @Test
  void anInvalidPatternIsNamed() {
    assertThatThrownBy(() -> SignalContexts.measure(Signals.commandNumber(Command.of("true"), "Total (\\d+"),
        workspace))
        .hasMessageStartingWith("pattern 'Total (\\d+' of output of true is not a valid regular expression: ");
  }

  @Test
  void readsANumberFromAFile() throws Exception {
    Files.createDirectories(workspace.resolve("perf"));
    Files.writeString(workspace.resolve("perf/last-run.txt"), "Tests: 42\nTotal Time: 187s\n");

    Measurement m = SignalContexts.measure(Signals.fileNumber(path("perf/last-run.txt"), TOTAL_TIME, Unit.SECONDS),
        workspace);

    assertThat(m.value()).hasValue(187);
    assertThat(m.summary()).isEqualTo("'Total Time: 187s' in perf/last-run.txt");
  }

  @Test
  void aFileWithoutTheNumberOrWithoutContentIsNamedWithThePattern() throws Exception {
    Files.writeString(workspace.resolve("out.txt"), "nothing here\n");
    Files.writeString(workspace.resolve("empty.txt"), "");

    assertThatThrownBy(() -> SignalContexts.measure(Signals.fileNumber(path("out.txt"), TOTAL_TIME), workspace))
        .hasMessage("pattern 'Total Time: (\\d+)s' matched nothing in file out.txt");
    assertThatThrownBy(() -> SignalContexts.measure(Signals.fileNumber(path("empty.txt"), TOTAL_TIME), workspace))
        .hasMessage("pattern 'Total Time: (\\d+)s' matched nothing in file empty.txt, which is empty");
    assertThatThrownBy(() -> SignalContexts.measure(Signals.fileNumber(path("gone.txt"), TOTAL_TIME), workspace))
        .hasMessage("file gone.txt does not exist");
  }
}
