package dev.rollback;

import java.time.Duration;
import java.util.Arrays;
import dev.rollback.internal.core.CoreContracts;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Signals that need no adapter: numbers read from a command's output or from a file, JUnit XML test reports and
 * coverage reports. Their sources are built into the executor.
 *
 * <pre>{@code
 * Signal testTime = Signals.commandNumber(Command.of("scripts/benchmark_performance.sh"), "Total Time: (\\d+)s",
 *     Unit.SECONDS).named("test_execution_time");
 * Signal failures = Signals.testFailureRate(path("target/surefire-reports")).named("test_failure_rate");
 * Signal flaky = Signals.flakyTests(path("reports/run-1"), path("reports/run-2")).named("flaky_tests");
 * Signal coverage = Signals.lineCoverage(path("target/site/jacoco/jacoco.xml")).named("line_coverage");
 * }</pre>
 *
 * <h2>Test reports</h2>
 * JUnit XML as Maven Surefire, Gradle and pytest ({@code --junitxml}) write it. A path names a report file, or a
 * directory whose files matching a name pattern ({@value #DEFAULT_TEST_REPORTS} unless given) are read, in its
 * subdirectories too. Tests are counted from the {@code <testcase>} elements:
 * <ul>
 *   <li>a test fails when it has a {@code <failure>} or an {@code <error>};</li>
 *   <li>a skipped test ({@code <skipped>}, pytest's xfail included) was not executed: it counts neither as passed
 *       nor failed, and is left out of the failure rate's denominator;</li>
 *   <li>a test that failed and then passed when rerun (Surefire's {@code <flakyFailure>} / {@code <flakyError>}
 *       from {@code rerunFailingTestsCount}) counts as passed in the failure rate, as Surefire itself counts it,
 *       and as flaky in {@link #flakyTests(RepoPath...)}.</li>
 * </ul>
 * Reports in which no test was executed give an unknown measurement, never a rate of 0.
 *
 * <h2>Coverage reports</h2>
 * Line coverage from a JaCoCo XML report or a Cobertura XML report (Cobertura's own, coverage.py's
 * {@code coverage xml}), told apart by their root element.
 *
 * <p>Paths are relative to the workspace and must stay inside it. A missing, empty or malformed file, or a pattern
 * that matches nothing, makes the measurement fail with a message naming the file or pattern, and conditions over
 * the signal unknown.
 */
public final class Signals {

  /** The kind of {@link #commandNumber(Command, String)} signals. */
  public static final String COMMAND_NUMBER = "core.commandNumber";
  /** The kind of {@link #fileNumber(RepoPath, String)} signals. */
  public static final String FILE_NUMBER = "core.fileNumber";
  /** The kind of {@link #testFailureRate(RepoPath)} signals. */
  public static final String TEST_FAILURE_RATE = "core.testFailureRate";
  /** The kind of {@link #testCount(RepoPath)} signals. */
  public static final String TEST_COUNT = "core.testCount";
  /** The kind of {@link #flakyTests(RepoPath...)} signals. */
  public static final String FLAKY_TESTS = "core.flakyTests";
  /** The kind of {@link #lineCoverage(RepoPath)} signals. */
  public static final String LINE_COVERAGE = "core.lineCoverage";
  /** The names of the report files read in a directory unless said otherwise, as Surefire and Gradle name them. */
  public static final String DEFAULT_TEST_REPORTS = "TEST-*.xml";

  private Signals() {}

  /**
   * A number in a command's output, such as the seed's {@code Total Time: 123s}: the first group of the pattern,
   * or the whole match.
   *
   * @param command the command
   * @param pattern a regular expression
   * @return the signal, in {@link Unit#NUMBER}; use {@link #commandNumber(Command, String, Unit)} for another unit
   */
  public static Signal commandNumber(Command command, String pattern) {
    return commandNumber(command, pattern, Unit.NUMBER);
  }

  /**
   * A number in a command's output, in a given unit. The command runs without a shell, in its directory, within the
   * plan's default timeout; it must exit with status 0. The pattern is searched in the standard output (lines
   * anchored with {@code ^} and {@code $}), then in the error output; the first match counts.
   *
   * @param command the command
   * @param pattern a regular expression
   * @param unit the number's unit
   * @return the signal
   */
  public static Signal commandNumber(Command command, String pattern, Unit unit) {
    return CoreContracts.COMMAND_NUMBER.draft().withAll(command.toParams()).with(CoreContracts.PATTERN, pattern)
        .signal(unit, "output of " + command.display());
  }

  /**
   * A number in a command's output, with its own timeout (a benchmark that runs longer than the plan's default).
   *
   * @param command the command
   * @param pattern a regular expression
   * @param unit the number's unit
   * @param timeout how long the command may run
   * @return the signal
   */
  public static Signal commandNumber(Command command, String pattern, Unit unit, Duration timeout) {
    return CoreContracts.COMMAND_NUMBER.draft().withAll(command.toParams()).with(CoreContracts.PATTERN, pattern)
        .with(CoreContracts.TIMEOUT, timeout).signal(unit, "output of " + command.display());
  }

  /**
   * A number in a file of the repository: the first group of the pattern, or the whole match.
   *
   * @param file the file
   * @param pattern a regular expression
   * @param unit the number's unit
   * @return the signal
   */
  public static Signal fileNumber(RepoPath file, String pattern, Unit unit) {
    return CoreContracts.FILE_NUMBER.with(CoreContracts.FILE, file).with(CoreContracts.PATTERN, pattern)
        .signal(unit, "number in " + file.path());
  }

  /**
   * A number in a file of the repository, as a plain number.
   *
   * @param file the file
   * @param pattern a regular expression
   * @return the signal
   */
  public static Signal fileNumber(RepoPath file, String pattern) {
    return fileNumber(file, pattern, Unit.NUMBER);
  }

  /**
   * The share of executed tests that failed, in the JUnit XML reports at a path (a file, or the
   * {@value #DEFAULT_TEST_REPORTS} files of a directory): failures and errors over executed tests.
   *
   * @param reports a report file or a directory of reports
   * @return the signal, in {@link Unit#RATIO}
   */
  public static Signal testFailureRate(RepoPath reports) {
    return testFailureRate(reports, DEFAULT_TEST_REPORTS);
  }

  /**
   * The share of executed tests that failed, in the reports of a directory whose file names match a pattern.
   *
   * @param reports a report file or a directory of reports
   * @param include a glob for the report files' names in a directory, such as {@code *.xml}
   * @return the signal, in {@link Unit#RATIO}
   */
  public static Signal testFailureRate(RepoPath reports, String include) {
    return CoreContracts.TEST_FAILURE_RATE.with(CoreContracts.REPORTS, reports).with(CoreContracts.INCLUDE, include)
        .signal(Unit.RATIO, "test failure rate in " + reports.path());
  }

  /**
   * How many tests were executed (skipped ones left out) according to the JUnit XML reports at a path: a drop
   * shows tests that silently stopped running.
   *
   * @param reports a report file or a directory of reports
   * @return the signal, in {@link Unit#COUNT}
   */
  public static Signal testCount(RepoPath reports) {
    return testCount(reports, DEFAULT_TEST_REPORTS);
  }

  /**
   * How many tests were executed according to the reports of a directory whose file names match a pattern.
   *
   * @param reports a report file or a directory of reports
   * @param include a glob for the report files' names in a directory
   * @return the signal, in {@link Unit#COUNT}
   */
  public static Signal testCount(RepoPath reports, String include) {
    return CoreContracts.TEST_COUNT.with(CoreContracts.REPORTS, reports).with(CoreContracts.INCLUDE, include)
        .signal(Unit.COUNT, "tests executed in " + reports.path());
  }

  /**
   * How many tests failed and then passed: tests that passed on a rerun within one report (Surefire's
   * {@code <flakyFailure>}), and tests that failed in one run's reports and passed in a later run's. Give the
   * runs' reports oldest first, each a file or a directory, all from the same code.
   *
   * @param runsOldestFirst each run's report file or directory
   * @return the signal, in {@link Unit#COUNT}
   */
  public static Signal flakyTests(RepoPath... runsOldestFirst) {
    return flakyTests(Arrays.asList(runsOldestFirst), DEFAULT_TEST_REPORTS);
  }

  /**
   * How many tests failed and then passed, reading each directory's files whose names match a pattern.
   *
   * @param runsOldestFirst each run's report file or directory
   * @param include a glob for the report files' names in a directory
   * @return the signal, in {@link Unit#COUNT}
   */
  public static Signal flakyTests(List<RepoPath> runsOldestFirst, String include) {
    return CoreContracts.FLAKY_TESTS.with(CoreContracts.REPORT_RUNS, runsOldestFirst)
        .with(CoreContracts.INCLUDE, include).signal(Unit.COUNT, "flaky tests in "
            + runsOldestFirst.stream().map(RepoPath::path).collect(Collectors.joining(", ")));
  }

  /**
   * The share of lines covered, from a JaCoCo or Cobertura XML report (told apart by the root element).
   *
   * @param report the report file
   * @return the signal, in {@link Unit#RATIO}
   */
  public static Signal lineCoverage(RepoPath report) {
    return CoreContracts.LINE_COVERAGE.with(CoreContracts.REPORT, report).signal(Unit.RATIO, "line coverage in "
        + report.path());
  }
}
