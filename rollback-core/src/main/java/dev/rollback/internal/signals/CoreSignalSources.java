package dev.rollback.internal.signals;

import dev.rollback.Secret;
import dev.rollback.SignalException;
import dev.rollback.Signals;
import dev.rollback.Template;
import dev.rollback.Unit;
import dev.rollback.internal.Processes;
import dev.rollback.internal.Texts;
import dev.rollback.internal.core.CoreContracts;
import dev.rollback.spi.Measurement;
import dev.rollback.spi.SignalContext;
import dev.rollback.spi.SignalSource;
import dev.rollback.spi.Stats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The sources of the signals {@link Signals} makes, which need no adapter: numbers from a command's output or a
 * file, test reports and coverage reports. The executor's core adapter registers {@link #sources()}.
 *
 * <p>Paths resolve against {@code run().workspace()} and must stay inside it. Commands run without a shell, in
 * their directory, with their environment (secrets already resolved, and redacted from every message), within
 * their {@code timeout} parameter or else the plan's default timeout. Every failure is a {@link SignalException}
 * naming the file, pattern or command.
 */
public final class CoreSignalSources {

  private static final int MAX_FILE_BYTES = 8 << 20;
  private static final int MAX_LISTED = 20;

  private CoreSignalSources() {}

  /**
   * The sources by signal kind: {@link Signals#COMMAND_NUMBER}, {@link Signals#FILE_NUMBER},
   * {@link Signals#TEST_FAILURE_RATE}, {@link Signals#TEST_COUNT}, {@link Signals#FLAKY_TESTS} and
   * {@link Signals#LINE_COVERAGE}.
   *
   * @return the sources, unmodifiable
   */
  public static Map<String, SignalSource> sources() {
    Map<String, SignalSource> m = new LinkedHashMap<>();
    m.put(CoreContracts.COMMAND_NUMBER.kind(), CoreSignalSources::commandNumber);
    m.put(CoreContracts.FILE_NUMBER.kind(), CoreSignalSources::fileNumber);
    m.put(CoreContracts.TEST_FAILURE_RATE.kind(), CoreSignalSources::testFailureRate);
    m.put(CoreContracts.TEST_COUNT.kind(), CoreSignalSources::testCount);
    m.put(CoreContracts.FLAKY_TESTS.kind(), CoreSignalSources::flakyTests);
    m.put(CoreContracts.LINE_COVERAGE.kind(), CoreSignalSources::lineCoverage);
    return Collections.unmodifiableMap(m);
  }

  static Measurement commandNumber(SignalContext ctx) throws InterruptedException {
    List<String> argv = CoreContracts.ARGV.optional(ctx).orElse(List.of());
    if (argv.isEmpty()) {
      throw new SignalException("command signal " + ctx.signal().displayName() + " names no program");
    }
    String shown = "'" + String.join(" ", argv) + "'";
    Pattern pattern = pattern(ctx);
    Path workspace = ctx.run().workspace();
    String directory = CoreContracts.DIRECTORY.optional(ctx).orElse(".");
    Path dir = ReportFiles.resolve(workspace, directory, "directory of command " + shown);
    Map<String, String> env = new LinkedHashMap<>(CoreContracts.ENV.optional(ctx).orElse(Map.of()));
    Redactor redactor = new Redactor(secretValues(ctx, env));
    Duration timeout = CoreContracts.TIMEOUT.optional(ctx).orElse(ctx.run().plan().defaultTimeout());
    Processes.Result r;
    try {
      r = Processes.run(argv, dir, env, timeout);
    } catch (IOException e) {
      throw new SignalException("cannot run command " + shown + " in " + directory + ": "
          + redactor.apply(String.valueOf(e.getMessage())), e);
    } catch (Processes.TimeoutException e) {
      throw new SignalException("command " + shown + " " + e.getMessage() + " and was stopped");
    }
    String out = ctx.run().redact(redactor.apply(r.stdout()));
    String err = ctx.run().redact(redactor.apply(r.stderr()));
    if (r.exitCode() != 0) {
      throw new SignalException("command " + shown + " exited with status " + r.exitCode() + excerpt(out, err));
    }
    Matcher m = pattern.matcher(out);
    String stream = "output";
    if (!m.find()) {
      m = pattern.matcher(err);
      stream = "error output";
      if (!m.find()) {
        throw new SignalException("pattern '" + Texts.printable(pattern.pattern()) + "' matched nothing in the output"
            + " of command " + shown + (r.truncated() ? " (of which the first 8 MiB were read)" : "")
            + excerpt(out, err));
      }
    }
    double value = number(m, "the " + stream + " of command " + shown);
    return Measurement.of(value, ctx.signal().unit(), "'" + Texts.printable(matched(m)) + "' in the " + stream
        + " of " + shown).withEvidence("match", Texts.printable(m.group()));
  }

  static Measurement fileNumber(SignalContext ctx) {
    String file = CoreContracts.FILE.read(ctx);
    Pattern pattern = pattern(ctx);
    Path p = ReportFiles.resolve(ctx.run().workspace(), file, "file");
    String content;
    try {
      if (Files.size(p) > MAX_FILE_BYTES) {
        throw new SignalException("file " + file + " is larger than 8 MiB");
      }
      content = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new SignalException("file " + file + " does not exist");
    } catch (IOException e) {
      throw new SignalException("cannot read file " + file + ": " + e, e);
    }
    Matcher m = pattern.matcher(content);
    if (!m.find()) {
      throw new SignalException("pattern '" + Texts.printable(pattern.pattern()) + "' matched nothing in file " + file
          + (content.isBlank() ? ", which is empty" : ""));
    }
    double value = number(m, "file " + file);
    return Measurement.of(value, ctx.signal().unit(), "'" + Texts.printable(matched(m)) + "' in " + file)
        .withEvidence("match", Texts.printable(m.group()));
  }

  static Measurement testFailureRate(SignalContext ctx) {
    String path = CoreContracts.REPORTS.read(ctx);
    JUnitReports.Run run = JUnitReports.read(ctx.run().workspace(), path, include(ctx));
    if (run.executed() == 0) {
      return evidence(Measurement.unknown(Unit.RATIO, "no test was executed according to " + where(path, run)
          + (run.total > 0 ? " (all " + run.total + " skipped)" : "")), run);
    }
    StringBuilder summary = new StringBuilder().append(run.failed).append(" of ").append(run.executed())
        .append(" executed tests failed in ").append(where(path, run));
    if (run.skipped > 0) {
      summary.append("; ").append(run.skipped).append(" skipped, not counted");
    }
    if (run.flaky > 0) {
      summary.append("; ").append(run.flaky).append(" passed on a rerun, counted as passed");
    }
    return evidence(Measurement.of(Stats.ratio(run.failed, run.executed()), Unit.RATIO, summary.toString()), run);
  }

  static Measurement testCount(SignalContext ctx) {
    String path = CoreContracts.REPORTS.read(ctx);
    JUnitReports.Run run = JUnitReports.read(ctx.run().workspace(), path, include(ctx));
    return evidence(Measurement.of(run.executed(), Unit.COUNT, run.executed() + " tests executed in "
        + where(path, run) + (run.skipped > 0 ? "; " + run.skipped + " skipped, not counted" : "")), run);
  }

  static Measurement flakyTests(SignalContext ctx) {
    List<String> paths = CoreContracts.REPORT_RUNS.optional(ctx).orElse(List.of());
    if (paths.isEmpty()) {
      throw new SignalException("flaky tests signal " + ctx.signal().displayName() + " names no report");
    }
    String include = include(ctx);
    Set<String> flaky = new LinkedHashSet<>();
    Set<String> failedBefore = new LinkedHashSet<>();
    for (String path : paths) {
      JUnitReports.Run run = JUnitReports.read(ctx.run().workspace(), path, include);
      run.outcomes.forEach((id, outcome) -> {
        if (outcome == JUnitReports.Outcome.FLAKY
            || outcome == JUnitReports.Outcome.PASSED && failedBefore.contains(id)) {
          flaky.add(id);
        }
        if (outcome == JUnitReports.Outcome.FAILED) {
          failedBefore.add(id);
        }
      });
    }
    List<String> listed = new ArrayList<>(flaky).subList(0, Math.min(MAX_LISTED, flaky.size()));
    String summary = flaky.size() + (flaky.size() == 1 ? " test" : " tests")
        + " failed and then passed across " + paths.size() + (paths.size() == 1 ? " run" : " runs")
        + " (" + String.join(", ", paths) + ")"
        + (flaky.isEmpty() ? "" : ": " + String.join(", ", listed) + (flaky.size() > MAX_LISTED ? ", ..." : ""));
    return Measurement.of(flaky.size(), Unit.COUNT, summary).withEvidence("flakyTests", listed)
        .withEvidence("runs", paths);
  }

  static Measurement lineCoverage(SignalContext ctx) {
    String path = CoreContracts.REPORT.read(ctx);
    CoverageReports.Lines lines = CoverageReports.read(ctx.run().workspace(), path);
    String where = lines.format() + " report " + path;
    if (lines.valid() == 0) {
      return Measurement.unknown(Unit.RATIO, where + " counts no lines");
    }
    double ratio = Stats.ratio(Math.min(lines.covered(), lines.valid()), lines.valid());
    return Measurement.of(ratio, Unit.RATIO, lines.covered() + " of " + lines.valid() + " lines covered ("
        + Unit.RATIO.format(ratio) + ") according to " + where)
        .withEvidence("format", lines.format())
        .withEvidence("linesCovered", lines.covered())
        .withEvidence("linesValid", lines.valid());
  }

  private static Measurement evidence(Measurement m, JUnitReports.Run run) {
    return m.withEvidence("reports", run.files.subList(0, Math.min(MAX_LISTED, run.files.size())))
        .withEvidence("tests", run.total)
        .withEvidence("executed", run.executed())
        .withEvidence("failed", run.failed)
        .withEvidence("skipped", run.skipped)
        .withEvidence("passedOnRerun", run.flaky)
        .withEvidence("failedTests", run.idsWith(JUnitReports.Outcome.FAILED, MAX_LISTED));
  }

  private static String where(String path, JUnitReports.Run run) {
    return run.files.size() == 1 && run.files.get(0).equals(path) ? path
        : run.files.size() + (run.files.size() == 1 ? " report" : " reports") + " in " + path;
  }

  private static String include(SignalContext ctx) {
    return CoreContracts.INCLUDE.optional(ctx).orElse(Signals.DEFAULT_TEST_REPORTS);
  }

  private static Pattern pattern(SignalContext ctx) {
    String p = CoreContracts.PATTERN.read(ctx);
    try {
      return Pattern.compile(p, Pattern.MULTILINE);
    } catch (PatternSyntaxException e) {
      throw new SignalException("pattern '" + Texts.printable(p) + "' of " + ctx.signal().displayName()
          + " is not a valid regular expression: " + Texts.printable(e.getDescription()) + " near index "
          + e.getIndex());
    }
  }

  /** The number in the pattern's first group, or in the whole match when it has no group. */
  private static double number(Matcher m, String where) {
    String text = m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : m.group();
    try {
      double v = Double.parseDouble(text.trim());
      if (Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // Reported below with the text and the pattern.
    }
    throw new SignalException("pattern '" + Texts.printable(m.pattern().pattern()) + "' matched '"
        + Texts.printable(text) + "' in " + where + ", which is not a number"
        + (m.groupCount() == 0 ? "; put the number in a group, as in 'Total Time: (\\d+)s'" : ""));
  }

  /** The matched text, shortened, for the summary. */
  private static String matched(Matcher m) {
    String text = m.group().strip();
    return text.length() > 120 ? text.substring(0, 120) + "..." : text;
  }

  /** The resolved values of the environment variables the plan declared as secrets or templates. */
  private static List<String> secretValues(SignalContext ctx, Map<String, String> env) {
    List<String> out = new ArrayList<>();
    CoreContracts.ENV.declared(ctx.signal().params()).ifPresent(declared -> declared.forEach((k, v) -> {
      if (v instanceof Secret || v instanceof Template) {
        String value = env.get(k);
        if (value != null && !value.isEmpty()) {
          out.add(value);
        }
      }
    }));
    return out;
  }

  /** The end of a command's output and error output, for messages. */
  private static String excerpt(String out, String err) {
    String o = tail(out);
    String e = tail(err);
    if (o.isEmpty() && e.isEmpty()) {
      return "; it printed nothing";
    }
    return (o.isEmpty() ? "" : "; its output ends with:\n" + o) + (e.isEmpty() ? "" : "; its error output ends with:\n" + e);
  }

  private static String tail(String text) {
    String[] lines = text.strip().split("\r?\n");
    StringBuilder b = new StringBuilder();
    int from = Math.max(0, lines.length - 6);
    for (int i = from; i < lines.length; i++) {
      String l = lines[i].length() > 160 ? lines[i].substring(0, 160) + "..." : lines[i];
      if (!l.isBlank()) {
        b.append("  ").append(Texts.printable(l)).append('\n');
      }
    }
    String s = b.toString();
    return s.length() > 700 ? "  ..." + s.substring(s.length() - 700) : s.stripTrailing();
  }

  /** Replaces secret values with {@code ***}. */
  private static final class Redactor {
    private final List<String> secrets;

    Redactor(List<String> secrets) {
      this.secrets = secrets;
    }

    String apply(String text) {
      String out = text;
      for (String s : secrets) {
        out = out.replace(s, "***");
      }
      return out;
    }
  }
}
