package dev.rollback.internal.run;

import dev.rollback.Phase;
import dev.rollback.Step;
import dev.rollback.report.RollbackReport.AlertReport;
import dev.rollback.report.RollbackReport.ApprovalReport;
import dev.rollback.report.RollbackReport.CheckReport;
import dev.rollback.report.RollbackReport.CompensationReport;
import dev.rollback.report.RollbackReport.DeadlineReport;
import dev.rollback.report.RollbackReport.DeadlineStatus;
import dev.rollback.report.RollbackReport.DecisionReport;
import dev.rollback.report.RollbackReport.MeasurementReport;
import dev.rollback.report.RollbackReport.NotificationReport;
import dev.rollback.report.RollbackReport.PhaseReport;
import dev.rollback.report.RollbackReport.PhaseStatus;
import dev.rollback.report.RollbackReport.StepReport;
import dev.rollback.report.RollbackReport.StepStatus;
import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import dev.rollback.spi.Audit;
import dev.rollback.spi.StepResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a run has done so far, turned into a {@link RollbackReport} when it ends. Single-threaded. */
final class ReportBuilder {

  RunStatus status = RunStatus.SUCCEEDED;
  String summary = "";
  final List<Instant> resumedAt = new ArrayList<>();
  DecisionReport decision;
  final List<MeasurementReport> snapshot = new ArrayList<>();
  final List<ApprovalReport> approvals = new ArrayList<>();
  final List<CheckReport> checklist = new ArrayList<>();
  String procedure;
  final List<PhaseState> phases = new ArrayList<>();
  final List<CompensationReport> compensation = new ArrayList<>();
  final List<CheckReport> verification = new ArrayList<>();
  final List<CheckReport> health = new ArrayList<>();
  final List<NotificationReport> notifications = new ArrayList<>();
  final List<Audit> audits = new ArrayList<>();
  final List<AlertReport> alerts = new ArrayList<>();
  Instant rolledBackAt;
  /** Adapters skipped as unavailable, by name, with the reason. */
  final Map<String, String> unavailable = new java.util.TreeMap<>();
  /** What was recovered or settled after an interruption, in journal order. */
  final List<RollbackReport.InterventionReport> interventions = new ArrayList<>();

  void phases(List<Phase> list) {
    phases.clear();
    for (Phase p : list) {
      phases.add(new PhaseState(p));
    }
  }

  RollbackReport build(String runId, String planName, String planHash, Instant startedAt, Instant finishedAt,
      Optional<Instant> deadline, Optional<Instant> atRiskAt, Map<String, Object> outputs) {
    DeadlineStatus ds;
    if (deadline.isEmpty()) {
      ds = DeadlineStatus.NONE;
    } else if (rolledBackAt != null) {
      ds = rolledBackAt.isAfter(deadline.get()) ? DeadlineStatus.MISSED : DeadlineStatus.MET;
    } else {
      ds = finishedAt.isAfter(deadline.get()) ? DeadlineStatus.MISSED : DeadlineStatus.OPEN;
    }
    Optional<Duration> ttr = rolledBackAt == null || decision == null ? Optional.empty()
        : Optional.of(Duration.between(decision.detectedAt(), rolledBackAt));
    DeadlineReport dr = new DeadlineReport(ds, deadline, Optional.ofNullable(rolledBackAt), ttr, atRiskAt);
    return new RollbackReport(runId, planName, planHash, status, summary, startedAt, finishedAt, resumedAt,
        Optional.ofNullable(decision), dr, snapshot, approvals, checklist, Optional.ofNullable(procedure),
        phases.stream().map(PhaseState::report).collect(Collectors.toList()), compensation, verification, health,
        notifications, audits, alerts, outputs, unavailable, interventions);
  }

  /** A phase as it runs. */
  static final class PhaseState {
    final Phase phase;
    final List<StepState> steps = new ArrayList<>();
    final List<CheckReport> validations = new ArrayList<>();
    PhaseStatus status = PhaseStatus.NOT_RUN;
    Instant startedAt;
    Instant finishedAt;
    String failure;

    PhaseState(Phase phase) {
      this.phase = phase;
      for (Step s : phase.steps()) {
        steps.add(new StepState(s));
      }
    }

    PhaseReport report() {
      return new PhaseReport(phase.name(), status, phase.onFailure(), Optional.ofNullable(startedAt),
          Optional.ofNullable(finishedAt), steps.stream().map(StepState::report).collect(Collectors.toList()),
          validations, Optional.ofNullable(failure));
    }
  }

  /** A step as it runs. */
  static final class StepState {
    final Step step;
    StepStatus status = StepStatus.NOT_RUN;
    int attempts;
    Instant startedAt;
    Instant finishedAt;
    /** What apply returned, unmasked, for compensation. */
    StepResult applied;
    /** What apply returned, masked, for the report. */
    StepResult shown;
    String error;
    /** Why it was skipped, when it was. */
    String skipped;

    StepState(Step step) {
      this.step = step;
    }

    StepReport report() {
      return new StepReport(step.name(), step.kind(), step.effect(), status, attempts,
          Optional.ofNullable(startedAt), Optional.ofNullable(finishedAt),
          shown != null ? shown.summary() : error != null ? "failed" : skipped != null ? skipped : "",
          shown == null ? Optional.empty()
          : shown.value(), shown == null ? Map.of() : shown.outputs(), shown == null ? Map.of() : shown.evidence(),
          Optional.ofNullable(error));
    }
  }
}
