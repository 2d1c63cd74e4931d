package dev.rollback.spi;

import dev.rollback.ApprovalPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What an {@link Approver} is asked to approve.
 *
 * @param runId the run
 * @param planName the plan's name
 * @param severity the decided severity, or the name of what asks (a step, a recovery)
 * @param policy the policy to satisfy
 * @param reason why the rollback was decided, in words, with the values that led there
 * @param irreversibleSteps the irreversible steps this approval covers, in words
 * @param requestedAt when the request was made
 * @param expiresAt when to give up; approval waiting counts against the deadline
 */
public record ApprovalRequest(String runId, String planName, String severity, ApprovalPolicy policy, String reason,
    List<String> irreversibleSteps, Instant requestedAt, Instant expiresAt) {

  /**
   * Creates a request.
   *
   * @param runId the run
   * @param planName the plan's name
   * @param severity the severity or requester
   * @param policy the policy
   * @param reason why
   * @param irreversibleSteps the steps covered
   * @param requestedAt when asked
   * @param expiresAt when to give up
   * @throws NullPointerException if an argument is null
   */
  public ApprovalRequest {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(planName, "planName");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(reason, "reason");
    irreversibleSteps = List.copyOf(irreversibleSteps);
    Objects.requireNonNull(requestedAt, "requestedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
