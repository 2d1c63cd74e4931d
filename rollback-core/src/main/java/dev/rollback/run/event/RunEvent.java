package dev.rollback.run.event;

import dev.rollback.internal.Texts;
import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import dev.rollback.run.RunListener;
import dev.rollback.run.RunOptions;
import dev.rollback.spi.ApprovalRequest;
import dev.rollback.spi.CheckResult;
import dev.rollback.spi.StepPreview;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What happens during a run or a preview, as typed events for {@link RunListener}s. Every event has the run's id
 * and the instant it happened on the executor's clock, and {@link #describe() describes} itself in a line.
 */
public sealed interface RunEvent
    permits RunEvent.RunStarted, RunEvent.StageStarted, RunEvent.Decided, RunEvent.PhaseStarted,
        RunEvent.PhaseFinished, RunEvent.StepPreviewed, RunEvent.StepStarted, RunEvent.StepApplied,
        RunEvent.StepFailed, RunEvent.StepRetrying, RunEvent.StepCompensated, RunEvent.CheckEvaluated,
        RunEvent.ApprovalRequested, RunEvent.ApprovalGranted, RunEvent.ApprovalDenied, RunEvent.DeadlineAtRisk,
        RunEvent.AlertRaised, RunEvent.NotificationSent, RunEvent.NotificationFailed, RunEvent.RunFinished,
        RunEvent.AdapterUnavailable, RunEvent.StepSkipped, RunEvent.Intervened {

  /**
   * The run.
   *
   * @return the run's id
   */
  String runId();

  /**
   * When it happened, on the executor's clock.
   *
   * @return the instant
   */
  Instant at();

  /**
   * The event in a line, for logs and consoles.
   *
   * @return the text
   */
  String describe();

  /**
   * A run or preview started, or a run resumed.
   *
   * @param runId the run
   * @param at when
   * @param planName the plan's name
   * @param planHash the plan's hash
   * @param preview whether this is a dry run
   * @param resumed whether this continues an interrupted run
   */
  record RunStarted(String runId, Instant at, String planName, String planHash, boolean preview, boolean resumed)
      implements RunEvent {
    @Override
    public String describe() {
      return (preview ? "preview of " : resumed ? "resuming run " + runId + " of " : "run " + runId + " of ")
          + "plan '" + planName + "' (" + planHash.substring(0, Math.min(12, planHash.length())) + ")";
    }
  }

  /**
   * A stage started.
   *
   * @param runId the run
   * @param at when
   * @param stage the stage
   */
  record StageStarted(String runId, Instant at, RunStage stage) implements RunEvent {
    @Override
    public String describe() {
      return "stage " + stage.name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * The severity was decided.
   *
   * @param runId the run
   * @param at when
   * @param severity the severity level, when one holds
   * @param procedure the procedure that will run, when the severity calls for a rollback
   * @param deadline when the rollback must be done, when there is a deadline
   * @param explanation why, with the values that decided it
   */
  record Decided(String runId, Instant at, Optional<String> severity, Optional<String> procedure,
      Optional<Instant> deadline, String explanation) implements RunEvent {
    @Override
    public String describe() {
      return "decided: " + severity.map(s -> "severity " + s).orElse("no severity")
          + procedure.map(p -> ", procedure " + p).orElse(", no rollback")
          + deadline.map(d -> ", deadline " + d).orElse("") + " — " + explanation.replace("\n", " / ");
    }
  }

  /**
   * A phase started.
   *
   * @param runId the run
   * @param at when
   * @param phase the phase's name
   * @param index its position, from 1
   * @param count how many phases the procedure has
   */
  record PhaseStarted(String runId, Instant at, String phase, int index, int count) implements RunEvent {
    @Override
    public String describe() {
      return "phase " + index + "/" + count + ": " + phase;
    }
  }

  /**
   * A phase finished.
   *
   * @param runId the run
   * @param at when
   * @param phase the phase's name
   * @param passed whether its steps applied and its validations passed
   * @param failure what failed, when it did
   */
  record PhaseFinished(String runId, Instant at, String phase, boolean passed, Optional<String> failure)
      implements RunEvent {
    @Override
    public String describe() {
      return "phase " + phase + (passed ? " passed" : " failed: " + failure.orElse("?"));
    }
  }

  /**
   * A preview described a step.
   *
   * @param runId the run
   * @param at when
   * @param phase the phase's name
   * @param step the step's name
   * @param preview what the step would do
   */
  record StepPreviewed(String runId, Instant at, String phase, String step, StepPreview preview)
      implements RunEvent {
    @Override
    public String describe() {
      return "would " + step + ": " + preview.summary() + preview.failure().map(f -> " (would fail: " + f + ")")
          .orElse("");
    }
  }

  /**
   * An attempt of a step started.
   *
   * @param runId the run
   * @param at when
   * @param phase the phase's name
   * @param step the step's name
   * @param attempt the attempt, from 1
   */
  record StepStarted(String runId, Instant at, String phase, String step, int attempt) implements RunEvent {
    @Override
    public String describe() {
      return "step " + step + (attempt > 1 ? " (attempt " + attempt + ")" : "");
    }
  }

  /**
   * A step was applied.
   *
   * @param runId the run
   * @param at when
   * @param phase the phase's name
   * @param step the step's name
   * @param summary what it did
   */
  record StepApplied(String runId, Instant at, String phase, String step, String summary) implements RunEvent {
    @Override
    public String describe() {
      return "applied " + step + ": " + summary;
    }
  }

  /**
   * A step failed for good: its attempts are used up, it timed out without stopping, or it could not start.
   *
   * @param runId the run
   * @param at when
   * @param phase the phase's name
   * @param step the step's name
   * @param attempt the last attempt
   * @param error what went wrong
   */
  record StepFailed(String runId, Instant at, String phase, String step, int attempt, String error)
      implements RunEvent {
    @Override
    public String describe() {
      return "step " + step + " failed" + (attempt > 1 ? " after " + attempt + " attempts" : "") + ": " + error;
    }
  }

  /**
   * An attempt failed and the step will be tried again.
   *
   * @param runId the run
   * @param at when
   * @param phase the phase's name
   * @param step the step's name
   * @param failedAttempt the attempt that failed
   * @param delay the wait before the next attempt
   * @param error what went wrong
   */
  record StepRetrying(String runId, Instant at, String phase, String step, int failedAttempt, Duration delay,
      String error) implements RunEvent {
    @Override
    public String describe() {
      return "step " + step + " attempt " + failedAttempt + " failed (" + error + "); retrying in "
          + Texts.span(delay);
    }
  }

  /**
   * A step was undone, or its undo failed.
   *
   * @param runId the run
   * @param at when
   * @param phase the phase's name
   * @param step the step's name
   * @param undone whether the undo succeeded
   * @param summary what the undo did, or why it failed
   */
  record StepCompensated(String runId, Instant at, String phase, String step, boolean undone, String summary)
      implements RunEvent {
    @Override
    public String describe() {
      return (undone ? "undid " : "could not undo ") + step + ": " + summary;
    }
  }

  /**
   * A check was evaluated: a checklist item, a phase's validation, a verification or health check.
   *
   * @param runId the run
   * @param at when
   * @param section {@code checklist}, {@code validation}, {@code verification} or {@code health}
   * @param check the check's name
   * @param status the outcome
   * @param summary what was found
   */
  record CheckEvaluated(String runId, Instant at, String section, String check, CheckResult.Status status,
      String summary) implements RunEvent {
    @Override
    public String describe() {
      return section + " " + check + ": " + status.name().toLowerCase(java.util.Locale.ROOT) + " — " + summary;
    }
  }

  /**
   * Approval was requested.
   *
   * @param runId the run
   * @param at when
   * @param request what is to be approved, under which policy, until when
   */
  record ApprovalRequested(String runId, Instant at, ApprovalRequest request) implements RunEvent {
    @Override
    public String describe() {
      return "approval requested: " + request.policy().describe() + " for " + request.severity() + ", until "
          + request.expiresAt();
    }
  }

  /**
   * Approval was granted.
   *
   * @param runId the run
   * @param at when
   * @param scope what was approved: the severity, or a step
   * @param approvers who approved, or how (discretion)
   */
  record ApprovalGranted(String runId, Instant at, String scope, List<String> approvers) implements RunEvent {
    @Override
    public String describe() {
      return "approved " + scope + " by " + String.join(", ", approvers);
    }
  }

  /**
   * Approval was denied, or expired.
   *
   * @param runId the run
   * @param at when
   * @param scope what was to be approved
   * @param reason who denied, or that the request expired
   */
  record ApprovalDenied(String runId, Instant at, String scope, String reason) implements RunEvent {
    @Override
    public String describe() {
      return "not approved " + scope + ": " + reason;
    }
  }

  /**
   * The time left before the deadline is less than the worst case of the work left.
   *
   * @param runId the run
   * @param at when
   * @param deadline the deadline
   * @param remaining the time left
   * @param worstCase the worst case of the remaining work
   */
  record DeadlineAtRisk(String runId, Instant at, Instant deadline, Duration remaining, Duration worstCase)
      implements RunEvent {
    @Override
    public String describe() {
      return "deadline at risk: " + (remaining.isNegative() ? "passed " + Texts.span(remaining.negated())
          + " ago" : Texts.span(remaining) + " left") + ", the remaining work can take "
          + Texts.span(worstCase) + " (deadline " + deadline + ")";
    }
  }

  /**
   * A monitoring rule raised an alert.
   *
   * @param runId the run
   * @param at when
   * @param rule the rule's name
   * @param action what people should do
   * @param explanation the values that raised it
   */
  record AlertRaised(String runId, Instant at, String rule, String action, String explanation)
      implements RunEvent {
    @Override
    public String describe() {
      return "alert " + rule + (rule.equals(action) ? "" : ": " + action) + " — " + explanation;
    }
  }

  /**
   * A message was delivered.
   *
   * @param runId the run
   * @param at when
   * @param message the message's name
   * @param channel the channel
   * @param location where it went
   */
  record NotificationSent(String runId, Instant at, String message, String channel, String location)
      implements RunEvent {
    @Override
    public String describe() {
      return "sent " + message + " via " + channel + " to " + location;
    }
  }

  /**
   * A message could not be delivered.
   *
   * @param runId the run
   * @param at when
   * @param message the message's name
   * @param channel the channel
   * @param attempt the attempt that failed
   * @param willRetry whether another attempt follows
   * @param error what went wrong
   */
  record NotificationFailed(String runId, Instant at, String message, String channel, int attempt,
      boolean willRetry, String error) implements RunEvent {
    @Override
    public String describe() {
      return "could not send " + message + " via " + channel + " (attempt " + attempt + (willRetry ? ", will retry"
          : ", giving up") + "): " + error;
    }
  }

  /**
   * The run finished (a preview does not send this event).
   *
   * @param runId the run
   * @param at when
   * @param status how it ended
   * @param summary why it ended so
   */
  record RunFinished(String runId, Instant at, RunStatus status, String summary) implements RunEvent {
    @Override
    public String describe() {
      return "finished: " + status + " — " + summary;
    }
  }

  /**
   * An adapter is unavailable and its parts are skipped, as the run's options allow
   * ({@link RunOptions#withSkipUnavailable(String...)}).
   *
   * @param runId the run
   * @param at when
   * @param adapter the adapter's name
   * @param reason why it is unavailable
   */
  record AdapterUnavailable(String runId, Instant at, String adapter, String reason) implements RunEvent {
    @Override
    public String describe() {
      return "adapter " + adapter + " is unavailable; its steps and checks are skipped, as asked: " + reason;
    }
  }

  /**
   * A step did not run because its adapter is unavailable.
   *
   * @param runId the run
   * @param at when
   * @param phase the phase's name
   * @param step the step's name
   * @param reason why it was skipped
   */
  record StepSkipped(String runId, Instant at, String phase, String step, String reason) implements RunEvent {
    @Override
    public String describe() {
      return "step " + step + " " + reason;
    }
  }

  /**
   * On resume, something was done about work the interruption cut off: an adapter recovered what it left half-done,
   * or an operator settled a step no adapter could probe.
   *
   * @param runId the run
   * @param at when
   * @param kind recovered, or settled as done or to redo
   * @param subject the work, in words
   * @param summary what the adapter did, or the operator's evidence
   * @param by the adapter or the operator
   */
  record Intervened(String runId, Instant at, RollbackReport.Intervention kind, String subject, String summary,
      String by) implements RunEvent {
    @Override
    public String describe() {
      return (kind == RollbackReport.Intervention.RECOVERED ? "recovered " + subject + ": "
          : subject + " settled as " + (kind == RollbackReport.Intervention.SETTLED_DONE ? "done" : "to run again")
          + " by " + by + ": ") + summary;
    }
  }
}
