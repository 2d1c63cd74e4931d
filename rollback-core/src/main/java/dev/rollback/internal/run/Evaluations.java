package dev.rollback.internal.run;

import dev.rollback.Check;
import dev.rollback.RollbackException;
import dev.rollback.internal.Texts;
import dev.rollback.internal.journal.PlainJson;
import dev.rollback.report.RollbackReport.CheckReport;
import dev.rollback.run.event.RunEvent;
import dev.rollback.spi.CheckContext;
import dev.rollback.spi.CheckEvaluator;
import dev.rollback.spi.CheckResult;
import dev.rollback.spi.Probe;
import dev.rollback.spi.StepResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates the run's checks (the checklist, a phase's validations, verification, health): each through its
 * evaluator under its timeout, or taken from the journal when the run that was cut off evaluated it; binds what it
 * identified under its {@code .as(name)}; and evaluates a step's idempotency probe.
 */
final class Evaluations {

  private final History history;
  private final Events events;
  private final Calls calls;
  private final Registry registry;
  private final Availability availability;
  private final RunState run;
  private final Redactor redactor;

  Evaluations(History history, Events events, Calls calls, Registry registry, Availability availability, RunState run,
      Redactor redactor) {
    this.history = history;
    this.events = events;
    this.calls = calls;
    this.registry = registry;
    this.availability = availability;
    this.run = run;
    this.redactor = redactor;
  }

  /**
   * Evaluates a check, or takes its result from the journal, and binds what it identified.
   *
   * @param section for the journal and events: checklist, validation, verification, health
   * @param key the activity's key
   * @param check the check
   * @return the check's report
   */
  CheckReport evaluate(String section, String key, Check check) {
    Evaluated e = history.once(key, History.Entry.result(JournalRecords.CHECK, CheckReport.class, CheckReport::at,
        "section", section).as(r -> new Evaluated(r, r.value().orElse(null)), Evaluated::report),
        () -> evaluated(check), x -> events.emit(new RunEvent.CheckEvaluated(run.runId(), x.report().at(), section,
        check.name(), x.report().status(), x.report().summary())));
    if (e.raw() != null && check.output().isPresent()) {
      run.bindAll(Map.of(check.output().get(), e.raw()));
    }
    return e.report();
  }

  /**
   * A check's report and the value it identified: unmasked when evaluated now, as the journal kept it on replay.
   */
  private record Evaluated(CheckReport report, Object raw) {}

  private Evaluated evaluated(Check check) {
    CheckResult result = evaluateNow(check);
    Object raw = result.value().map(PlainJson::normalize).orElse(null);
    Instant at = history.now();
    return new Evaluated(new CheckReport(check.name(), check.kind(), result.status(),
        redactor.redact(result.summary()), Optional.ofNullable(raw).map(redactor::redactData),
        redactor.redactMap(Outcomes.normalizeMap(result.evidence())), at), raw);
  }

  /**
   * Evaluates a check now, without the journal: skipped when its adapter is unavailable, failed when its parameters
   * cannot be resolved, it throws, or it runs out of time.
   *
   * @param check the check
   * @return the result
   */
  CheckResult evaluateNow(Check check) {
    Tried t = tryNow(check);
    if (t.skipped() != null) {
      return new CheckResult(CheckResult.Status.SKIPPED, t.skipped(), Optional.empty(), Map.of());
    }
    if (t.unresolved() != null) {
      return CheckResult.failed(redactor.redact(t.unresolved()));
    }
    return t.failed() != null ? CheckResult.failed(t.failed()) : t.result();
  }

  /**
   * Evaluates a step's idempotency probe ({@code appliedWhen}): passed, the step took effect; failed, it did not;
   * anything else (unknown, skipped, an error, a timeout), nobody can tell.
   *
   * @param check the probe
   * @return what it tells
   */
  Probe probe(Check check) {
    String which = "its idempotency probe, check '" + check.name() + "', ";
    Tried t = tryNow(check);
    if (t.skipped() != null) {
      return Probe.unknown(which + "was " + t.skipped());
    }
    if (t.unresolved() != null) {
      return Probe.unknown(which + "could not be evaluated: " + t.unresolved());
    }
    if (t.failed() != null) {
      return Probe.unknown(which + t.failed());
    }
    CheckResult r = t.result();
    if (r.status() == CheckResult.Status.PASSED) {
      return Probe.applied(StepResult.of("applied before the interruption: check '" + check.name() + "' passed ("
          + r.summary() + ")"));
    }
    if (r.status() == CheckResult.Status.FAILED) {
      return Probe.notApplied();
    }
    return Probe.unknown(which + "could not tell: " + r.summary());
  }

  /**
   * How evaluating a check now went: one of its result, why it was skipped, why its parameters could not be resolved
   * (unmasked), or why the evaluation failed.
   */
  private record Tried(CheckResult result, String skipped, String unresolved, String failed) {}

  private Tried tryNow(Check check) {
    Optional<String> skip = availability.skipped(check.kind());
    if (skip.isPresent()) {
      return new Tried(null, skip.get(), null, null);
    }
    CheckEvaluator evaluator = registry.check(check.kind());
    CheckContext call;
    try {
      call = run.context(check);
    } catch (RollbackException e) {
      return new Tried(null, null, e.getMessage(), null);
    }
    Duration timeout = call.timeout();
    Attempts.Outcome<CheckResult> o = calls.attempt(timeout, () -> evaluator.evaluate(call));
    if (o.succeeded() && o.value() != null) {
      return new Tried(o.value(), null, null, null);
    }
    return new Tried(null, null, null, o.timedOut() ? "timed out after " + Texts.duration(timeout)
        : "could not be evaluated: " + calls.describe(o.failure()));
  }
}
