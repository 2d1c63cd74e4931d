package dev.rollback.internal.core;

import dev.rollback.internal.Processes;
import dev.rollback.spi.CheckContext;
import dev.rollback.spi.CheckEvaluator;
import dev.rollback.spi.CheckResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code core.command} checks: pass when the command exits 0 and, with a {@code pattern}, when its output holds
 * it; the number in the pattern's first group (or the whole match) is the check's value.
 */
final class CommandCheck implements CheckEvaluator {

  @Override
  public CheckResult evaluate(CheckContext check) throws Exception {
    CommandLine command = CommandLine.of(check.params(), "check '" + check.check().name() + "'");
    Processes.Result r = CommandRunner.run(check, command, check.timeout());
    String display = command.display();
    if (r.exitCode() != 0) {
      return CheckResult.failed("`" + display + "` exited " + r.exitCode()).withEvidence("exitCode",
          (long) r.exitCode()).withEvidence("output", CommandRunner.tail(check, r));
    }
    String pattern = CoreContracts.PATTERN.optional(check).orElse(null);
    if (pattern == null) {
      return CheckResult.passed("`" + display + "` exited 0").withEvidence("exitCode", 0L);
    }
    // Matched in the masked output, so that neither the value nor the evidence can hold part of a secret.
    Matcher m = Pattern.compile(pattern).matcher(check.run().redact(r.stdout() + "\n" + r.stderr()));
    if (!m.find()) {
      return CheckResult.failed("the output of `" + display + "` does not match /" + pattern + "/")
          .withEvidence("output", CommandRunner.tail(check, r));
    }
    String text = m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : m.group();
    double n;
    try {
      n = Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      return CheckResult.failed("the output of `" + display + "` matches /" + pattern + "/, but '" + text
          + "' is not a number");
    }
    Object value = n == Math.rint(n) && Math.abs(n) < 9e15 ? (Object) (long) n : (Object) n;
    return CheckResult.passed("`" + display + "` exited 0 and reported " + text.strip()).withValue(value)
        .withEvidence("match", m.group());
  }
}
