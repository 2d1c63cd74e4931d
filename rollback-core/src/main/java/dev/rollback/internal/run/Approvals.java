package dev.rollback.internal.run;

import dev.rollback.ApprovalPolicy;
import dev.rollback.internal.ConsoleApprover;
import dev.rollback.report.RollbackReport.ApprovalOutcome;
import dev.rollback.report.RollbackReport.ApprovalReport;
import dev.rollback.report.RollbackReport.VoteReport;
import dev.rollback.report.RunStatus;
import dev.rollback.run.event.RunEvent;
import dev.rollback.spi.ApprovalRequest;
import dev.rollback.spi.Approver;
import dev.rollback.spi.Vote;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Asks for the run's approvals (the decided severity's, the irreversible steps', a recovery's, a step's own), or
 * takes their outcomes from the journal; team discretion is granted at once and recorded as such. Keeps every
 * outcome, in order, for the report.
 */
final class Approvals {

  private final History history;
  private final Events events;
  private final Calls calls;
  private final Optional<Approver> approver;
  private final RunState run;
  private final Redactor redactor;
  private final List<ApprovalReport> reports = new ArrayList<>();

  Approvals(History history, Events events, Calls calls, Optional<Approver> approver, RunState run,
      Redactor redactor) {
    this.history = history;
    this.events = events;
    this.calls = calls;
    this.approver = approver;
    this.run = run;
    this.redactor = redactor;
  }

  /**
   * What is to be approved.
   *
   * @param key the activity's key
   * @param scope what is to be approved, in words
   * @param policy the policy
   * @param covers the irreversible steps it covers
   * @param reason why the run asks, for the people asked: the decision's explanation
   */
  record Ask(String key, String scope, ApprovalPolicy policy, List<String> covers, String reason) {}

  /**
   * Asks for an approval, or takes its outcome from the journal.
   *
   * @param ask what is to be approved
   * @return the approval's report
   * @throws Stop when the approval is denied or expires
   */
  ApprovalReport approve(Ask ask) {
    ApprovalReport r = history.once(ask.key(), History.Entry.result(JournalRecords.APPROVAL, ApprovalReport.class,
        ApprovalReport::decidedAt), () -> ask.policy().requiresPeople() ? ask(ask) : discretion(ask), this::announce);
    reports.add(r);
    if (!r.granted()) {
      throw new Stop(RunStatus.NOT_APPROVED, ask.scope() + " was not approved: " + r.explanation()
          + "; nothing more ran");
    }
    return r;
  }

  /** The approvals asked for so far, granted or not, in order. */
  List<ApprovalReport> reports() {
    return reports;
  }

  private void announce(ApprovalReport r) {
    if (r.granted()) {
      events.emit(new RunEvent.ApprovalGranted(run.runId(), r.decidedAt(), r.scope(),
          r.outcome() == ApprovalOutcome.AUTOMATIC ? List.of("team discretion") : r.votes().stream()
          .filter(v -> v.counted() && v.approve()).map(v -> v.person() + " via " + v.via())
          .collect(Collectors.toList())));
    } else {
      events.emit(new RunEvent.ApprovalDenied(run.runId(), r.decidedAt(), r.scope(), r.explanation()));
    }
  }

  private ApprovalReport discretion(Ask ask) {
    Instant at = history.now();
    return new ApprovalReport(ask.scope(), ask.policy().describe(), ApprovalOutcome.AUTOMATIC, ask.covers(), at,
        Optional.empty(), at, List.of(), "team discretion: granted without asking anyone");
  }

  private ApprovalReport ask(Ask ask) {
    ApprovalPolicy policy = ask.policy();
    Instant at = history.now();
    Instant expires = at.plus(policy.timeout());
    Optional<Instant> deadline = run.deadline();
    if (deadline.isPresent() && deadline.get().isAfter(at) && deadline.get().isBefore(expires)) {
      expires = deadline.get();
    }
    ApprovalRequest request = new ApprovalRequest(run.runId(), run.plan().name(), ask.scope(), policy, ask.reason(),
        ask.covers(), at, expires);
    history.record(JournalRecords.APPROVAL_REQUESTED, ask.key(), at, History.fields("scope", ask.scope(), "policy",
        policy.describe(), "covers", ask.covers(), "expiresAt", expires));
    events.emit(new RunEvent.ApprovalRequested(run.runId(), at, request));
    List<Vote> votes = List.of();
    String trouble = null;
    if (approver.isEmpty()) {
      trouble = "no approver is configured; register one with RollbackExecutor.builder().approver(...)";
    } else {
      try {
        List<Vote> v = approver.get().requestApproval(request);
        votes = v == null ? List.of() : v;
      } catch (InterruptedException e) {
        throw calls.interrupted("the run was interrupted while waiting for approval");
      } catch (ConsoleApprover.EndOfInputException e) {
        trouble = e.getMessage();
      } catch (Exception e) {
        trouble = "the approver failed: " + calls.describe(e);
      }
    }
    ApprovalRules.Verdict v = ApprovalRules.evaluate(policy, votes, expires);
    String explanation = redactor.redact(trouble != null && v.outcome() == ApprovalOutcome.EXPIRED ? trouble
        : v.explanation());
    List<VoteReport> shown = v.votes().stream()
        .map(x -> new VoteReport(x.person(), x.roles(), x.approve(), x.at(), x.via(),
            x.comment().map(redactor::redact), x.counted(), x.note()))
        .collect(Collectors.toList());
    return new ApprovalReport(ask.scope(), policy.describe(), v.outcome(), ask.covers(), at, Optional.of(expires),
        history.now(), shown, explanation);
  }
}
