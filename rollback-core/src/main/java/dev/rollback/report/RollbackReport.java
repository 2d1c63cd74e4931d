package dev.rollback.report;

import dev.rollback.Effect;
import dev.rollback.FailurePolicy;
import dev.rollback.NotificationEvent;
import dev.rollback.internal.report.ReportJson;
import dev.rollback.internal.report.ReportMarkdown;
import dev.rollback.run.RunOptions;
import dev.rollback.spi.Audit;
import dev.rollback.spi.CheckResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a run did, as a value: for the run, how it ended and why, the severity and the values that decided it,
 * the deadline and whether it was met, the time to roll back, who approved what and when, the readiness
 * checklist, every phase and step with its status, timings, attempts, outputs, evidence and error, what was
 * undone, the verification, the notifications sent, and the adapters' safety audits.
 *
 * <p>It renders as a Markdown incident report ({@link #toMarkdown()}) and as JSON ({@link #toJson()}); both are
 * deterministic apart from timings, and {@link #withoutTimings()} gives the report with every timing zeroed, so an
 * interrupted-then-resumed run can be compared with an uninterrupted one. It holds no secret.
 *
 * <pre>{@code
 * RollbackReport report = executor.run(plan);
 * if (report.status() != RunStatus.SUCCEEDED) {
 *   Files.writeString(Path.of("incident.md"), report.toMarkdown());
 * }
 * report.step("revert P3-007").map(RollbackReport.StepReport::outputs);
 * }</pre>
 *
 * @param runId the run's id
 * @param planName the plan's name
 * @param planHash the plan's hash
 * @param status how the run ended
 * @param summary why it ended so, in a sentence
 * @param startedAt when the run started
 * @param finishedAt when the run finished
 * @param resumedAt when the run was resumed after an interruption, if it was
 * @param decision the decision, once made
 * @param deadline the deadline and whether it was met
 * @param snapshot the signals measured at assessment
 * @param approvals the approvals asked, in order
 * @param checklist the readiness checklist's results
 * @param procedure the procedure that ran, when one did
 * @param phases the procedure's phases, run or not
 * @param compensation what was undone after a failed phase, in the order it was undone
 * @param verification the post-rollback validations
 * @param health the health checks
 * @param notifications the messages sent or not
 * @param audits what each adapter proved after the run
 * @param alerts what the monitoring raised, when the run monitored
 * @param outputs every output bound during the run, built-in ones included
 * @param unavailable the adapters that were unavailable and skipped, as the run's options allowed
 *     ({@link RunOptions#withSkipUnavailable(String...)}), each with the reason; their steps and checks are
 *     {@code SKIPPED} and their signals unknown
 * @param interventions what was done on resume about work an interruption cut off, in order: an adapter's
 *     recovery of what it left half-done, an operator's settlement of a step no adapter could probe
 */
public record RollbackReport(String runId, String planName, String planHash, RunStatus status, String summary,
    Instant startedAt, Instant finishedAt, List<Instant> resumedAt, Optional<DecisionReport> decision,
    DeadlineReport deadline, List<MeasurementReport> snapshot, List<ApprovalReport> approvals,
    List<CheckReport> checklist, Optional<String> procedure, List<PhaseReport> phases,
    List<CompensationReport> compensation, List<CheckReport> verification, List<CheckReport> health,
    List<NotificationReport> notifications, List<Audit> audits, List<AlertReport> alerts,
    Map<String, Object> outputs, Map<String, String> unavailable, List<InterventionReport> interventions) {

  /**
   * Creates a report; lists and maps are copied.
   *
   * @param runId the run's id
   * @param planName the plan's name
   * @param planHash the plan's hash
   * @param status how the run ended
   * @param summary why
   * @param startedAt when it started
   * @param finishedAt when it finished
   * @param resumedAt when it was resumed
   * @param decision the decision
   * @param deadline the deadline
   * @param snapshot the measurements
   * @param approvals the approvals
   * @param checklist the checklist's results
   * @param procedure the procedure
   * @param phases the phases
   * @param compensation what was undone
   * @param verification the verification's results
   * @param health the health checks' results
   * @param notifications the notifications
   * @param audits the audits
   * @param alerts the alerts
   * @param outputs the outputs
   * @param unavailable the adapters skipped as unavailable, with the reasons
   * @param interventions what was recovered or settled after an interruption
   * @throws NullPointerException if an argument is null
   */
  public RollbackReport {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(planName, "planName");
    Objects.requireNonNull(planHash, "planHash");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    resumedAt = List.copyOf(resumedAt);
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(deadline, "deadline");
    snapshot = List.copyOf(snapshot);
    approvals = List.copyOf(approvals);
    checklist = List.copyOf(checklist);
    Objects.requireNonNull(procedure, "procedure");
    phases = List.copyOf(phases);
    compensation = List.copyOf(compensation);
    verification = List.copyOf(verification);
    health = List.copyOf(health);
    notifications = List.copyOf(notifications);
    audits = List.copyOf(audits);
    alerts = List.copyOf(alerts);
    outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
    unavailable = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(unavailable));
    interventions = List.copyOf(interventions);
  }

  /**
   * Every step of every phase, in order.
   *
   * @return the steps
   */
  public List<StepReport> steps() {
    return phases.stream().flatMap(p -> p.steps().stream()).collect(Collectors.toList());
  }

  /**
   * The first step with this name.
   *
   * @param name the step's name
   * @return the step's report, when the procedure has it
   */
  public Optional<StepReport> step(String name) {
    return steps().stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /**
   * A phase by name.
   *
   * @param name the phase's name
   * @return the phase's report, when the procedure has it
   */
  public Optional<PhaseReport> phase(String name) {
    return phases.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /**
   * The report as a Markdown incident report: the outcome, a Mermaid gantt chart of the run (the deadline, the
   * stages, the approval waits, every phase and step on one time axis; left out when the run took no time, as in
   * {@link #withoutTimings()}), the decision and its values, the deadline, the approvals, the checklist, every
   * phase with its steps, the compensation, the verification, the notifications, the safety audit and the
   * timeline.
   *
   * @return the Markdown text, ending with a newline
   */
  public String toMarkdown() {
    return ReportMarkdown.report(this);
  }

  /**
   * The report as JSON, every field in a fixed order.
   *
   * @return the JSON text, indented
   */
  public String toJson() {
    return ReportJson.json(this);
  }

  /**
   * The same report with every instant set to the epoch and every measured duration to zero, for comparing what
   * two runs did regardless of when.
   *
   * @return the report without timings
   */
  public RollbackReport withoutTimings() {
    Instant z = Instant.EPOCH;
    return new RollbackReport(runId, planName, planHash, status, summary, z, z, List.of(),
        decision.map(DecisionReport::withoutTimings), deadline.withoutTimings(), snapshot,
        approvals.stream().map(ApprovalReport::withoutTimings).collect(Collectors.toList()),
        checklist.stream().map(CheckReport::withoutTimings).collect(Collectors.toList()), procedure,
        phases.stream().map(PhaseReport::withoutTimings).collect(Collectors.toList()),
        compensation.stream().map(CompensationReport::withoutTimings).collect(Collectors.toList()),
        verification.stream().map(CheckReport::withoutTimings).collect(Collectors.toList()),
        health.stream().map(CheckReport::withoutTimings).collect(Collectors.toList()),
        notifications.stream().map(NotificationReport::withoutTimings).collect(Collectors.toList()), audits,
        alerts.stream().map(AlertReport::withoutTimings).collect(Collectors.toList()), outputs, unavailable,
        interventions.stream().map(InterventionReport::withoutTimings).collect(Collectors.toList()));
  }

  @Override
  public String toString() {
    return "RollbackReport[" + runId + " of '" + planName + "': " + status + " — " + summary + "]";
  }

  /**
   * How the severity was decided.
   *
   * @param severity the severity level, when one holds
   * @param decidedBy {@code manual} when chosen by hand, {@code decision matrix} otherwise
   * @param emergency whether the emergency procedure was forced
   * @param procedure the procedure to run, when the severity calls for a rollback
   * @param response the severity's response in words
   * @param approval the severity's approval policy in words
   * @param detectedAt when the problem was detected
   * @param deadline when the rollback must be done, when there is a deadline
   * @param explanation why, in words
   * @param evaluations the conditions evaluated and the values that decided them
   * @param unknowns what could not be evaluated, and why
   */
  public record DecisionReport(Optional<String> severity, String decidedBy, boolean emergency,
      Optional<String> procedure, String response, String approval, Instant detectedAt, Optional<Instant> deadline,
      String explanation, List<String> evaluations, List<String> unknowns) {

    /** {@link #decidedBy()} when the decision matrix decided. */
    public static final String DECIDED_BY_MATRIX = "decision matrix";

    /**
     * Creates the value.
     *
     * @param severity the severity
     * @param decidedBy who decided
     * @param emergency whether forced
     * @param procedure the procedure
     * @param response the response
     * @param approval the approval policy
     * @param detectedAt when detected
     * @param deadline the deadline
     * @param explanation why
     * @param evaluations the evaluations
     * @param unknowns the unknowns
     */
    public DecisionReport {
      evaluations = List.copyOf(evaluations);
      unknowns = List.copyOf(unknowns);
    }

    /**
     * Whether the decision matrix could not decide: it decided (no severity was chosen by hand, no emergency
     * procedure forced) and a severity level at or above any level that holds depended on something unknown, listed
     * in {@link #unknowns()}. A run stops there as {@link RunStatus#UNDECIDED}; the explanation starts with
     * {@code undecided because} and names the signal.
     *
     * @return {@code true} when undecided
     */
    public boolean undecided() {
      return DECIDED_BY_MATRIX.equals(decidedBy) && !emergency && !unknowns.isEmpty();
    }

    DecisionReport withoutTimings() {
      return new DecisionReport(severity, decidedBy, emergency, procedure, response, approval, Instant.EPOCH,
          deadline.map(d -> Instant.EPOCH), explanation, evaluations, unknowns);
    }
  }

  /** Whether the deadline was met. */
  public enum DeadlineStatus {
    /** The procedure finished before the deadline. */
    MET,
    /** The procedure finished after the deadline, or the deadline passed before it finished. */
    MISSED,
    /** The procedure did not finish, and the deadline has not passed. */
    OPEN,
    /** There is no deadline. */
    NONE
  }

  /**
   * The deadline: when it was, when the procedure finished, and whether in time.
   *
   * @param status met, missed, open, or none
   * @param deadline when the rollback had to be done
   * @param rolledBackAt when the procedure finished, when it did
   * @param timeToRollback from detection to the end of the procedure, when it finished
   * @param atRiskAt when the remaining work first exceeded the time left, if it did
   */
  public record DeadlineReport(DeadlineStatus status, Optional<Instant> deadline, Optional<Instant> rolledBackAt,
      Optional<Duration> timeToRollback, Optional<Instant> atRiskAt) {

    /**
     * Creates the value.
     *
     * @param status the status
     * @param deadline the deadline
     * @param rolledBackAt when the procedure finished
     * @param timeToRollback how long it took from detection
     * @param atRiskAt when the deadline came at risk
     */
    public DeadlineReport {
      Objects.requireNonNull(status, "status");
    }

    DeadlineReport withoutTimings() {
      return new DeadlineReport(status, deadline.map(d -> Instant.EPOCH), rolledBackAt.map(d -> Instant.EPOCH),
          timeToRollback.map(d -> Duration.ZERO), atRiskAt.map(d -> Instant.EPOCH));
    }
  }

  /**
   * A signal measured at assessment.
   *
   * @param signal the signal's name
   * @param kind its kind
   * @param value the value as people read it, or {@code unknown}
   * @param number the value, when known
   * @param summary how it was measured, or why it is unknown
   */
  public record MeasurementReport(String signal, String kind, String value, Optional<Double> number,
      String summary) {}

  /** The outcome of an approval. */
  public enum ApprovalOutcome {
    /** The people the policy names approved. */
    GRANTED,
    /** Team discretion: granted without asking anyone, recorded as such. */
    AUTOMATIC,
    /** Someone eligible denied. */
    DENIED,
    /** The request expired before the policy was met. */
    EXPIRED
  }

  /**
   * One approval asked: of what, under which policy, when, and who answered.
   *
   * @param scope what was to be approved: {@code severity critical}, {@code step force push}
   * @param policy the policy in words
   * @param outcome granted, automatic, denied or expired
   * @param covers the irreversible steps the approval covers
   * @param requestedAt when it was asked
   * @param expiresAt when the request would expire, when people were asked
   * @param decidedAt when the outcome was known
   * @param votes every answer, counted or not
   * @param explanation the outcome in a sentence
   */
  public record ApprovalReport(String scope, String policy, ApprovalOutcome outcome, List<String> covers,
      Instant requestedAt, Optional<Instant> expiresAt, Instant decidedAt, List<VoteReport> votes,
      String explanation) {

    /**
     * Creates the value.
     *
     * @param scope the scope
     * @param policy the policy
     * @param outcome the outcome
     * @param covers the steps covered
     * @param requestedAt when asked
     * @param expiresAt when it expires
     * @param decidedAt when decided
     * @param votes the votes
     * @param explanation the explanation
     */
    public ApprovalReport {
      covers = List.copyOf(covers);
      votes = List.copyOf(votes);
    }

    /**
     * Whether the approval lets the run go on.
     *
     * @return {@code true} when granted or automatic
     */
    public boolean granted() {
      return outcome == ApprovalOutcome.GRANTED || outcome == ApprovalOutcome.AUTOMATIC;
    }

    ApprovalReport withoutTimings() {
      return new ApprovalReport(scope, policy, outcome, covers, Instant.EPOCH, expiresAt.map(x -> Instant.EPOCH),
          Instant.EPOCH, votes.stream().map(VoteReport::withoutTimings).collect(Collectors.toList()), explanation);
    }
  }

  /**
   * One person's answer, and whether the executor counted it.
   *
   * @param person who
   * @param roles the roles the approver said the person holds
   * @param approve approve or deny
   * @param at when
   * @param via how: {@code console}, {@code automatic}, ...
   * @param comment what the person said
   * @param counted whether the vote counted towards the policy
   * @param note why it did not count, when it did not
   */
  public record VoteReport(String person, List<String> roles, boolean approve, Instant at, String via,
      Optional<String> comment, boolean counted, Optional<String> note) {

    /**
     * Creates the value.
     *
     * @param person who
     * @param roles roles
     * @param approve approve or deny
     * @param at when
     * @param via how
     * @param comment the comment
     * @param counted whether it counted
     * @param note why not
     */
    public VoteReport {
      roles = List.copyOf(roles);
    }

    VoteReport withoutTimings() {
      return new VoteReport(person, roles, approve, Instant.EPOCH, via, comment, counted, note);
    }
  }

  /**
   * A check's outcome.
   *
   * @param name the check's name
   * @param kind its kind
   * @param status passed, failed or unknown
   * @param summary what was found
   * @param value what it identified, bound by its {@code .as(name)}
   * @param evidence what was observed
   * @param at when it was evaluated
   */
  public record CheckReport(String name, String kind, CheckResult.Status status, String summary,
      Optional<Object> value, Map<String, Object> evidence, Instant at) {

    /**
     * Creates the value.
     *
     * @param name the name
     * @param kind the kind
     * @param status the status
     * @param summary the summary
     * @param value the value
     * @param evidence the evidence
     * @param at when
     */
    public CheckReport {
      evidence = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evidence));
    }

    /**
     * Whether the check passed.
     *
     * @return {@code true} for {@link CheckResult.Status#PASSED}
     */
    public boolean passed() {
      return status == CheckResult.Status.PASSED;
    }

    /**
     * Whether the check was skipped because its adapter was unavailable, as the run was asked to allow; a skipped
     * check does not gate what comes after it.
     *
     * @return {@code true} for {@link CheckResult.Status#SKIPPED}
     */
    public boolean skipped() {
      return status == CheckResult.Status.SKIPPED;
    }

    CheckReport withoutTimings() {
      return new CheckReport(name, kind, status, summary, value, evidence, Instant.EPOCH);
    }
  }

  /** What happened to a phase. */
  public enum PhaseStatus {
    /** Its steps applied and its validations passed. */
    PASSED,
    /** A step or a validation failed. */
    FAILED,
    /** It did not run. */
    NOT_RUN
  }

  /**
   * One phase of the procedure.
   *
   * @param name the phase's name
   * @param status passed, failed, or not run
   * @param onFailure its failure policy
   * @param startedAt when it started, when it ran
   * @param finishedAt when it finished, when it ran
   * @param steps its steps, run or not
   * @param validations the validations evaluated
   * @param failure what failed, when the phase failed
   */
  public record PhaseReport(String name, PhaseStatus status, FailurePolicy onFailure, Optional<Instant> startedAt,
      Optional<Instant> finishedAt, List<StepReport> steps, List<CheckReport> validations,
      Optional<String> failure) {

    /**
     * Creates the value.
     *
     * @param name the name
     * @param status the status
     * @param onFailure the policy
     * @param startedAt when it started
     * @param finishedAt when it finished
     * @param steps the steps
     * @param validations the validations
     * @param failure what failed
     */
    public PhaseReport {
      steps = List.copyOf(steps);
      validations = List.copyOf(validations);
    }

    PhaseReport withoutTimings() {
      return new PhaseReport(name, status, onFailure, startedAt.map(x -> Instant.EPOCH),
          finishedAt.map(x -> Instant.EPOCH), steps.stream().map(StepReport::withoutTimings)
          .collect(Collectors.toList()), validations.stream().map(CheckReport::withoutTimings)
          .collect(Collectors.toList()), failure);
    }
  }

  /** What happened to a step. */
  public enum StepStatus {
    /** It was applied. */
    APPLIED,
    /** It failed: every attempt failed, it timed out, or it could not start. */
    FAILED,
    /** It was applied, then undone by compensation. */
    COMPENSATED,
    /**
     * It did not run because its adapter was unavailable and the run was asked to skip it
     * ({@link RunOptions#withSkipUnavailable(String...)}); its summary says why.
     */
    SKIPPED,
    /** It did not run. */
    NOT_RUN
  }

  /**
   * One step.
   *
   * @param name the step's name
   * @param kind its kind
   * @param effect its effect
   * @param status applied, failed, compensated or not run
   * @param attempts how many attempts it took
   * @param startedAt when its first attempt started
   * @param finishedAt when it finished
   * @param summary what it did, or why it failed
   * @param value its main output
   * @param outputs its further outputs
   * @param evidence what was observed
   * @param error the failure, when it failed
   */
  public record StepReport(String name, String kind, Effect effect, StepStatus status, int attempts,
      Optional<Instant> startedAt, Optional<Instant> finishedAt, String summary, Optional<Object> value,
      Map<String, Object> outputs, Map<String, Object> evidence, Optional<String> error) {

    /**
     * Creates the value.
     *
     * @param name the name
     * @param kind the kind
     * @param effect the effect
     * @param status the status
     * @param attempts the attempts
     * @param startedAt when it started
     * @param finishedAt when it finished
     * @param summary the summary
     * @param value the main output
     * @param outputs the outputs
     * @param evidence the evidence
     * @param error the error
     */
    public StepReport {
      outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
      evidence = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evidence));
    }

    StepReport withoutTimings() {
      return new StepReport(name, kind, effect, status, attempts, startedAt.map(x -> Instant.EPOCH),
          finishedAt.map(x -> Instant.EPOCH), summary, value, outputs, evidence, error);
    }
  }

  /** What compensation did to a step. */
  public enum CompensationStatus {
    /** The step was undone. */
    UNDONE,
    /** The undo failed; the step remains applied. */
    FAILED,
    /** The step cannot be undone: it is irreversible, or its adapter cannot undo it. */
    NOT_POSSIBLE,
    /** Not attempted, because an earlier undo failed. */
    SKIPPED
  }

  /**
   * One step considered by compensation.
   *
   * @param phase the step's phase
   * @param step the step's name
   * @param status undone, failed, not possible or skipped
   * @param summary what the undo did, or why not
   * @param at when
   */
  public record CompensationReport(String phase, String step, CompensationStatus status, String summary,
      Instant at) {
    CompensationReport withoutTimings() {
      return new CompensationReport(phase, step, status, summary, Instant.EPOCH);
    }
  }

  /**
   * One message through one channel.
   *
   * @param message the message's name
   * @param event when it was sent
   * @param channel the channel
   * @param delivered whether it arrived
   * @param location where it went, when it did
   * @param error why not, when it did not
   * @param attempts how many attempts were made
   * @param at when the last attempt ended
   */
  public record NotificationReport(String message, NotificationEvent event, String channel, boolean delivered,
      Optional<String> location, Optional<String> error, int attempts, Instant at) {
    NotificationReport withoutTimings() {
      return new NotificationReport(message, event, channel, delivered, location, error, attempts, Instant.EPOCH);
    }
  }

  /**
   * An alert the monitoring raised.
   *
   * @param rule the rule's name
   * @param action what people should do
   * @param explanation the values that raised it
   * @param at when
   */
  public record AlertReport(String rule, String action, String explanation, Instant at) {
    AlertReport withoutTimings() {
      return new AlertReport(rule, action, explanation, Instant.EPOCH);
    }
  }

  /** What was done on resume about work an interruption cut off. */
  public enum Intervention {
    /** An adapter cleared what the cut-off work left half-done (stale locks, a half-written index). */
    RECOVERED,
    /** An operator settled that the step took effect before the interruption. */
    SETTLED_DONE,
    /** An operator settled that the step did not take effect, so it ran again. */
    SETTLED_REDO
  }

  /**
   * Something done on resume about work an interruption cut off.
   *
   * @param kind recovered by an adapter, or settled by an operator
   * @param subject the work, in words: {@code step 'deploy' in phase 'Roll back'}
   * @param summary what the adapter did, or the operator's evidence
   * @param by the adapter ({@code adapter 'git'}) or the operator
   * @param at when
   */
  public record InterventionReport(Intervention kind, String subject, String summary, String by, Instant at) {

    /**
     * Creates the value.
     *
     * @param kind the kind
     * @param subject the work
     * @param summary what was done, or why
     * @param by who
     * @param at when
     * @throws NullPointerException if an argument is null
     */
    public InterventionReport {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(summary, "summary");
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(at, "at");
    }

    InterventionReport withoutTimings() {
      return new InterventionReport(kind, subject, summary, by, Instant.EPOCH);
    }
  }
}
