package dev.rollback.internal.run;

import dev.rollback.ApprovalPolicy;
import dev.rollback.Procedure;
import dev.rollback.Response;
import dev.rollback.RollbackPlan;
import dev.rollback.SeverityLevel;
import dev.rollback.Snapshot;
import dev.rollback.decide.Baselines;
import dev.rollback.decide.Decision;
import dev.rollback.decide.DecisionMatrix;
import dev.rollback.report.RollbackReport.DecisionReport;
import dev.rollback.report.RunStatus;
import dev.rollback.run.RunOptions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns a chosen severity into the run's decision: the procedure (the emergency one when forced), the deadline
 * counted from detection, the approval, and the words that explain it; and chooses the approval that covers
 * irreversible steps when the decided policy does not.
 */
final class Decisions {

  private Decisions() {}

  /**
   * Decides: the severity chosen by hand in the options, else the decision matrix's, which is evaluated either way
   * so that the report shows what the values say.
   *
   * @param plan the plan
   * @param options the run's options: the severity chosen by hand, the facts declared, the emergency procedure
   * @param baselines the workspace's baselines
   * @param redactor masks what the explanation quotes
   * @param snapshot the assessment
   * @param detectedAt when the problem was detected
   * @return the decision
   * @throws Stop when the matrix cannot be evaluated and no severity was chosen by hand
   */
  static DecisionReport decide(RollbackPlan plan, RunOptions options, Baselines baselines, Redactor redactor,
      Snapshot snapshot, Instant detectedAt) {
    Decision matrix;
    try {
      matrix = DecisionMatrix.decide(plan, snapshot, options.declaredFacts(), detectedAt, baselines);
    } catch (RuntimeException e) {
      if (options.severity().isEmpty()) {
        throw new Stop(RunStatus.STOPPED, "the decision matrix could not be evaluated: " + redactor.describe(e)
            + "; nothing was changed");
      }
      String name = options.severity().get();
      return decision(plan, options, plan.severity(name), "manual", detectedAt, "severity '" + name
          + "' chosen by hand; the decision matrix could not be evaluated: " + redactor.describe(e), List.of(),
          List.of());
    }
    List<String> evaluations = matrix.evaluations().stream().map(Decision.LevelEvaluation::describe)
        .map(redactor::redact).collect(Collectors.toList());
    List<String> unknowns = matrix.unknownLevels().stream().map(l -> l.level().name() + ": "
        + String.join("; ", l.evaluation().unknowns())).map(redactor::redact).collect(Collectors.toList());
    if (options.severity().isPresent()) {
      String name = options.severity().get();
      String says = matrix.severityName().equals(Optional.of(name)) ? ", as the decision matrix decides"
          : "; the decision matrix decides " + matrix.severityName().map(n -> "'" + n + "'").orElse("no severity");
      return decision(plan, options, plan.severity(name), "manual", detectedAt,
          "severity '" + name + "' chosen by hand" + says, evaluations, unknowns);
    }
    if (!unknowns.isEmpty() && !options.emergency()) {
      // Something the decision depended on is unknown: the situation may be worse than any level known to hold.
      // Decide nothing rather than too little; the run stops as UNDECIDED.
      return decision(plan, options, Optional.empty(), DecisionReport.DECIDED_BY_MATRIX, detectedAt,
          redactor.redact(undecided(plan, matrix)), evaluations, unknowns);
    }
    return decision(plan, options, matrix.severity(), DecisionReport.DECIDED_BY_MATRIX, detectedAt,
        redactor.redact(matrix.explanation()), evaluations, unknowns);
  }

  /**
   * Why the matrix could not decide, first line: {@code undecided because signal coverage is unknown: ...
   * (severity 'high' depends on it)}, then what to do, then the matrix's own explanation.
   */
  static String undecided(RollbackPlan plan, Decision matrix) {
    java.util.Set<String> signals = new java.util.HashSet<>();
    Snapshot.signalsOf(plan).forEach(x -> signals.add(x.displayName()));
    java.util.Set<String> reasons = new java.util.LinkedHashSet<>();
    List<String> levels = new java.util.ArrayList<>();
    for (Decision.LevelEvaluation l : matrix.unknownLevels()) {
      levels.add("'" + l.level().name() + "'");
      for (String u : l.evaluation().unknowns()) {
        String one = u.strip().replaceAll("\\s*\\R\\s*", " ");
        reasons.add(signalNamed(one, signals) ? "signal " + one : one);
      }
    }
    return "undecided because " + String.join("; ", reasons) + " (severity " + String.join(", ", levels)
        + (levels.size() == 1 ? " depends on it" : " depend on it") + "); nothing runs until the decision is known:"
        + " fix what is unknown and run again, or choose the severity by hand (RunOptions.withSeverity, the"
        + " launcher's --severity NAME)\n" + matrix.explanation();
  }

  /** Whether an unknown's reason starts with the name of one of the plan's signals. */
  private static boolean signalNamed(String reason, java.util.Set<String> signals) {
    for (String name : signals) {
      if (reason.startsWith(name + " ")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The decision for a severity level.
   *
   * @param plan the plan
   * @param options the run's options
   * @param level the severity level, when one holds
   * @param decidedBy {@code manual} or {@code decision matrix}
   * @param detectedAt when the problem was detected
   * @param explanation why this level, in words
   * @param evaluations the conditions evaluated, in words
   * @param unknowns what could not be evaluated
   * @return the decision
   */
  static DecisionReport decision(RollbackPlan plan, RunOptions options, Optional<SeverityLevel> level,
      String decidedBy, Instant detectedAt, String explanation, List<String> evaluations, List<String> unknowns) {
    Optional<Response> response = level.map(SeverityLevel::response);
    Optional<String> procedure;
    String why = explanation;
    if (options.emergency()) {
      procedure = plan.emergencyProcedure();
      why = why + "; the emergency procedure was forced";
    } else if (response.isPresent() && response.get().rollsBack()) {
      procedure = plan.procedureFor(level.get()).map(Procedure::name);
    } else {
      procedure = Optional.empty();
      why = why + (level.isPresent() ? "; severity '" + level.get().name() + "' calls for fixing forward, so no"
          + " rollback runs" : why.startsWith("undecided because") ? "" : "; no rollback runs");
    }
    Optional<Instant> deadline = procedure.isPresent()
        ? response.flatMap(Response::deadline).map(detectedAt::plus) : Optional.empty();
    return new DecisionReport(level.map(SeverityLevel::name), decidedBy, options.emergency(), procedure,
        response.map(Response::describe).orElse("none"), level.map(l -> l.approval().describe()).orElse("none"),
        detectedAt, deadline, why, evaluations, unknowns);
  }

  /**
   * The approval that covers irreversible steps when the decided severity's policy asks no one (team discretion,
   * or no severity at all, as when the emergency procedure is forced under a low severity): the policy of the
   * highest severity level that runs this procedure and asks people, else of the highest severity level that asks
   * people.
   *
   * @param plan the plan
   * @param procedure the procedure to run
   * @return the policy, when the plan has one that asks people
   */
  static Optional<ApprovalPolicy> fallbackApproval(RollbackPlan plan, Procedure procedure) {
    for (SeverityLevel s : plan.severities()) {
      if (s.approval().requiresPeople()
          && plan.procedureFor(s).map(p -> p.name().equals(procedure.name())).orElse(false)) {
        return Optional.of(s.approval());
      }
    }
    return plan.severities().stream().map(SeverityLevel::approval).filter(ApprovalPolicy::requiresPeople)
        .findFirst();
  }

  /**
   * What a decision binds: {@code decision.severity}, {@code decision.reason}, {@code decision.deadline},
   * {@code decision.detectedAt}.
   *
   * @param d the decision
   * @return the outputs, in that order
   */
  static Map<String, Object> outputs(DecisionReport d) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    out.put("decision.severity", d.severity().orElse("none"));
    out.put("decision.reason", d.explanation());
    out.put("decision.deadline", d.deadline().map(java.time.Instant::toString).orElse("none"));
    out.put("decision.detectedAt", d.detectedAt().toString());
    return out;
  }
}
