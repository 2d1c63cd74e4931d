package dev.rollback.internal.core;

import dev.rollback.Checks;
import dev.rollback.Command;
import dev.rollback.RepoPath;
import dev.rollback.Signals;
import dev.rollback.Steps;
import dev.rollback.spi.Contract;
import dev.rollback.spi.Param;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contracts of the core kinds ({@link Steps}, {@link Checks}, {@link Signals}): one definition of each kind's
 * parameters, written by those factories and read by this package's handlers and the core signal sources.
 */
public final class CoreContracts {

  /** A command's program and arguments. */
  public static final Param<List<String>, List<String>> ARGV = Param.strings("argv");
  /** Where a command runs, relative to the workspace. */
  public static final Param<RepoPath, String> DIRECTORY = Param.path("directory");
  /** Variables a command adds to the environment: text, secrets, references, templates; read as text. */
  public static final Param<Map<String, ?>, Map<String, String>> ENV = Param.textMap("env");
  /** The command that undoes a command step; read as its resolved parameters. */
  public static final Param<Command, Map<String, Object>> UNDO = Param.of("undo", Command::toParams,
      CoreContracts::command, CoreContracts::commandParams);
  /** A regular expression whose first group (or whole match) is a number. */
  public static final Param<String, String> PATTERN = Param.string("pattern");
  /** How long a measuring command may run. */
  public static final Param<Duration, Duration> TIMEOUT = Param.duration("timeout");
  /** What a person is asked to do. */
  public static final Param<String, String> INSTRUCTION = Param.string("instruction");
  /** What a person confirms. */
  public static final Param<String, String> ITEM = Param.string("item");
  /** How long to wait. */
  public static final Param<Duration, Duration> DURATION = Param.duration("duration");
  /** A file of the repository. */
  public static final Param<RepoPath, String> FILE = Param.path("file");
  /** A JUnit XML report file or directory. */
  public static final Param<RepoPath, String> REPORTS = Param.path("reports");
  /** Each run's JUnit XML report file or directory, oldest first. */
  public static final Param<List<RepoPath>, List<String>> REPORT_RUNS = Param.paths("reports");
  /** A glob for the report files' names in a directory. */
  public static final Param<String, String> INCLUDE = Param.string("include");
  /** A coverage report file. */
  public static final Param<RepoPath, String> REPORT = Param.path("report");

  /** {@code core.command} steps: run a command, undo it with another. */
  public static final Contract COMMAND_STEP = Contract.of(Steps.COMMAND, ARGV, DIRECTORY, ENV, UNDO);
  /** {@code core.confirm} steps. */
  public static final Contract CONFIRM_STEP = Contract.of(Steps.CONFIRM, INSTRUCTION);
  /** {@code core.wait} steps. */
  public static final Contract WAIT = Contract.of(Steps.WAIT, DURATION);
  /** {@code core.command} checks: a command's exit status, and a number in its output. */
  public static final Contract COMMAND_CHECK = Contract.of(Checks.COMMAND, ARGV, DIRECTORY, ENV, PATTERN);
  /** {@code core.confirm} checks. */
  public static final Contract CONFIRM_CHECK = Contract.of(Checks.CONFIRM, ITEM);
  /** {@code core.condition} checks: their condition is the check's own, not a parameter. */
  public static final Contract CONDITION = Contract.of(Checks.CONDITION);
  /** {@code core.commandNumber} signals. */
  public static final Contract COMMAND_NUMBER = Contract.of(Signals.COMMAND_NUMBER, ARGV, DIRECTORY, ENV, PATTERN,
      TIMEOUT);
  /** {@code core.fileNumber} signals. */
  public static final Contract FILE_NUMBER = Contract.of(Signals.FILE_NUMBER, FILE, PATTERN);
  /** {@code core.testFailureRate} signals. */
  public static final Contract TEST_FAILURE_RATE = Contract.of(Signals.TEST_FAILURE_RATE, REPORTS, INCLUDE);
  /** {@code core.testCount} signals. */
  public static final Contract TEST_COUNT = Contract.of(Signals.TEST_COUNT, REPORTS, INCLUDE);
  /** {@code core.flakyTests} signals. */
  public static final Contract FLAKY_TESTS = Contract.of(Signals.FLAKY_TESTS, REPORT_RUNS, INCLUDE);
  /** {@code core.lineCoverage} signals. */
  public static final Contract LINE_COVERAGE = Contract.of(Signals.LINE_COVERAGE, REPORT);

  private CoreContracts() {}

  /**
   * A command as step, check or signal parameters: {@code argv}, {@code directory}, and {@code env} when it has
   * variables, in that order.
   *
   * @param argv the program and its arguments
   * @param directory where it runs
   * @param env its variables
   * @return the parameters
   */
  public static Map<String, Object> command(List<String> argv, RepoPath directory, Map<String, Object> env) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(ARGV.name(), ARGV.write(argv));
    p.put(DIRECTORY.name(), DIRECTORY.write(directory));
    if (!env.isEmpty()) {
      p.put(ENV.name(), ENV.write(env));
    }
    return p;
  }

  /** A command as a plan holds it, back as a {@link Command}. */
  private static Command command(Object plain) {
    if (!(plain instanceof Map)) {
      throw new IllegalArgumentException("must be a command's parameters, was " + plain.getClass().getSimpleName());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> p = (Map<String, Object>) plain;
    Map<String, Object> env = new LinkedHashMap<>();
    ENV.declared(p).ifPresent(env::putAll);
    return new Command(ARGV.declared(p).orElse(List.of()), DIRECTORY.declared(p).orElse(new RepoPath(".")), env);
  }

  /** A nested command's resolved parameters. */
  private static Map<String, Object> commandParams(Object resolved) {
    if (!(resolved instanceof Map)) {
      throw new IllegalArgumentException("must be a command's parameters, was "
          + resolved.getClass().getSimpleName());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    ((Map<?, ?>) resolved).forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }
}
