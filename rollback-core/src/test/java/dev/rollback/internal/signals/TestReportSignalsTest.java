package dev.rollback.internal.signals;

import static dev.rollback.Rollback.path;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.Signals;
import dev.rollback.Unit;
import dev.rollback.spi.Measurement;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Test-report signals over reports written by the real Surefire and pytest (and Gradle's format). */
class TestReportSignalsTest {

  @TempDir Path workspace;

  @Test
  void surefireFailureRateCountsFailuresAndErrorsOverExecutedTestsLeavingSkippedOut() throws Exception {
    Reports.copy("surefire-run-1", workspace);

    Measurement m = SignalContexts.measure(Signals.testFailureRate(path("surefire-run-1")), workspace);

    // 5 test cases: 1 passed, 1 failure, 1 error, 1 flaky test failing on its only attempt, 1 skipped.
    assertThat(m.value()).hasValue(0.75);
    assertThat(m.unit()).isEqualTo(Unit.RATIO);
    assertThat(m.summary()).isEqualTo("3 of 4 executed tests failed in 2 reports in surefire-run-1;"
        + " 1 skipped, not counted");
    assertThat(m.evidence()).containsEntry("tests", 5).containsEntry("skipped", 1).containsEntry("failed", 3);
    assertThat(m.evidence().get("failedTests")).isEqualTo(List.of(
        "sample.DurationsTest#rejectsLineWithoutColon", "sample.DurationsTest#computesSlowdown",
        "sample.FlakyTest#passesOnSecondAttempt"));
  }

  @Test
  void aTestThatPassedOnSurefiresRerunCountsAsPassedInTheFailureRate() throws Exception {
    Reports.copy("surefire-rerun", workspace);

    Measurement m = SignalContexts.measure(Signals.testFailureRate(path("surefire-rerun")), workspace);

    assertThat(m.value()).hasValue(0.5);
    assertThat(m.summary()).endsWith("1 skipped, not counted; 1 passed on a rerun, counted as passed");
    assertThat(m.evidence()).containsEntry("passedOnRerun", 1);
  }

  @Test
  void testCountIsTheNumberOfExecutedTests() throws Exception {
    Reports.copy("surefire-rerun", workspace);

    Measurement m = SignalContexts.measure(Signals.testCount(path("surefire-rerun")), workspace);

    assertThat(m.value()).hasValue(4);
    assertThat(m.unit()).isEqualTo(Unit.COUNT);
  }

  @Test
  void surefiresFlakyFailureElementsAreFlakyTests() throws Exception {
    Reports.copy("surefire-rerun", workspace);

    Measurement m = SignalContexts.measure(Signals.flakyTests(path("surefire-rerun")), workspace);

    assertThat(m.value()).hasValue(1);
    assertThat(m.evidence().get("flakyTests")).isEqualTo(List.of("sample.FlakyTest#passesOnSecondAttempt"));
  }

  @Test
  void aTestFailingInOneRunAndPassingInALaterOneIsFlaky() throws Exception {
    Reports.copy("surefire-run-1", workspace);
    Reports.copy("surefire-run-2", workspace);

    Measurement m = SignalContexts.measure(Signals.flakyTests(path("surefire-run-1"), path("surefire-run-2")),
        workspace);

    assertThat(m.value()).hasValue(1);
    assertThat(m.summary()).isEqualTo("1 test failed and then passed across 2 runs (surefire-run-1, surefire-run-2):"
        + " sample.FlakyTest#passesOnSecondAttempt");
  }

  @Test
  void aTestPassingAndThenFailingIsARegressionNotAFlake() throws Exception {
    Reports.copy("surefire-run-1", workspace);
    Reports.copy("surefire-run-2", workspace);

    Measurement m = SignalContexts.measure(Signals.flakyTests(path("surefire-run-2"), path("surefire-run-1")),
        workspace);

    assertThat(m.value()).hasValue(0);
  }

  @Test
  void pytestJunitXmlGivesTheFailureRateWithFixtureErrorsAsFailures() throws Exception {
    Reports.copy("pytest", workspace);

    Measurement first = SignalContexts.measure(Signals.testFailureRate(path("pytest/run-1.xml")), workspace);
    Measurement second = SignalContexts.measure(Signals.testFailureRate(path("pytest/run-2.xml")), workspace);

    assertThat(first.value()).hasValue(0.75);
    assertThat(first.summary()).isEqualTo("3 of 4 executed tests failed in pytest/run-1.xml; 1 skipped, not counted");
    assertThat(second.value()).hasValue(0.5);
  }

  @Test
  void pytestRunsShowTheTestThatFailedThenPassed() throws Exception {
    Reports.copy("pytest", workspace);

    Measurement m = SignalContexts.measure(Signals.flakyTests(path("pytest/run-1.xml"), path("pytest/run-2.xml")),
        workspace);

    assertThat(m.value()).hasValue(1);
    assertThat(m.evidence().get("flakyTests")).isEqualTo(List.of("test_durations#test_passes_on_second_run"));
  }

  @Test
  void gradleReportsAreRead() throws Exception {
    Reports.copy("gradle", workspace);

    Measurement m = SignalContexts.measure(Signals.testFailureRate(path("gradle")), workspace);

    assertThat(m.value()).hasValue(1.0 / 3);
    assertThat(m.summary()).isEqualTo("1 of 3 executed tests failed in 1 report in gradle; 1 skipped, not counted");
  }

  @Test
  void reportsInSubdirectoriesAreFoundByTheirNamePattern() throws Exception {
    Reports.copy("surefire-run-1", workspace.resolve("module-a"));
    Reports.copy("gradle", workspace.resolve("module-b"));

    Measurement m = SignalContexts.measure(Signals.testFailureRate(path(".")), workspace);

    assertThat(m.summary()).startsWith("4 of 7 executed tests failed in 3 reports in .");
  }

  @Test
  void reportsWhereEveryTestWasSkippedGiveAnUnknownRateNotZero() throws Exception {
    java.nio.file.Files.writeString(workspace.resolve("TEST-skipped.xml"),
        "<testsuite name='s'><testcase classname='a' name='b'><skipped/></testcase></testsuite>");

    Measurement m = SignalContexts.measure(Signals.testFailureRate(path("TEST-skipped.xml")), workspace);

    assertThat(m.isKnown()).isFalse();
    assertThat(m.summary()).isEqualTo("no test was executed according to TEST-skipped.xml (all 1 skipped)");
  }
}
