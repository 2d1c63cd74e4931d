package dev.rollback.spi;

import java.util.List;
import java.util.Optional;

/**
 * Collects people's votes on a rollback: on the terminal, from issue comments, from an embedding tool's UI.
 *
 * <p>The executor asks before any irreversible step, with the policy to satisfy and the time left. An approver
 * returns the votes it gathered once the policy is met, someone eligible denies, or the request expires; the
 * executor then checks the votes against the policy itself (distinct people, roles held), so an approver cannot
 * grant more than the people did.
 *
 * <p>The same people confirm what only a person can: readiness checklist items and manual steps
 * ({@code core.confirm}), through {@link #confirm}.
 */
public interface Approver {

  /**
   * Gathers votes for the request, blocking until the policy is met, an eligible person denies, or
   * {@link ApprovalRequest#expiresAt()} passes.
   *
   * @param request what is to be approved, under which policy, until when
   * @return the votes gathered, possibly none
   * @throws Exception when votes cannot be gathered; the executor treats it as no approval
   */
  List<Vote> requestApproval(ApprovalRequest request) throws Exception;

  /**
   * Asks a person to confirm something: {@link Vote#approve()} true for "yes, done", false for "no". The default
   * asks no one, so an approver that cannot reach a person leaves confirmations unanswered.
   *
   * @param request what to confirm, until when
   * @return the person's answer, or empty when nobody answered before the request expired
   * @throws Exception when the person cannot be asked; the executor treats it as no answer
   */
  default Optional<Vote> confirm(ConfirmationRequest request) throws Exception {
    return Optional.empty();
  }
}
